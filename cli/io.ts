/**
 * What a command needs from the outside world, passed in rather than reached
 * for: the entry point (cli/devops.ts) builds the real ones from process.*,
 * tests build scripted ones and run the commands in-process.
 */
import { UserError } from "../engine/errors.ts";
import type { CommandRunner } from "../engine/runner.ts";
import type { CredentialCheck } from "../engine/targets/identity.ts";
import type { Target } from "../engine/targets/target.ts";
import type { ProgressSink } from "./progress.ts";

/** Exit codes of the CLI. */
/** Exit codes of the CLI; 130 as shells report a Ctrl-C. */
export const EXIT = { ok: 0, user: 1, usage: 2, interrupted: 130 } as const;

/**
 * A failure the user can fix. `code` 1: the input or the config is wrong;
 * 2: the command line is (a missing flag, a flag that does not fit).
 * The message says what is wrong and, in parentheses, what to do.
 */
export class CliError extends UserError {
  constructor(message: string, exitCode: number = EXIT.user) {
    super(message, exitCode);
    this.name = "CliError";
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = "UsageError";
  }
}

/** One question; `validate` returns the problem with the answer, or undefined when it is fine. */
export interface InputQuestion {
  readonly message: string;
  readonly default?: string;
  readonly validate?: (value: string) => string | undefined;
}

export interface SelectQuestion {
  readonly message: string;
  readonly choices: readonly string[];
  readonly default?: string;
}

export interface ConfirmQuestion {
  readonly message: string;
  readonly default?: boolean;
}

/** Asks the user. Only called when `Io.interactive` is true. */
export interface Prompter {
  input(q: InputQuestion): Promise<string>;
  select(q: SelectQuestion): Promise<string>;
  confirm(q: ConfirmQuestion): Promise<boolean>;
}

export interface Io {
  /** Writes one line (or several) to standard output. */
  out(line: string): void;
  /** Writes one line (or several) to standard error: warnings and errors. */
  err(line: string): void;
  /** True when there is a terminal to ask on (stdin and stdout are TTYs). Without one, nothing ever waits for input. */
  readonly interactive: boolean;
  readonly prompt: Prompter;
  /** Width of the terminal output goes to; undefined when it is not a terminal (no limit). */
  readonly columns?: number;
  /** Where long commands say which stack they are on (cli/progress.ts); absent, they say nothing of it. */
  readonly progress?: ProgressSink;
}

/** Where a command works: the config, the repository it belongs to, the environment child processes get. */
export interface Workspace {
  /** Absolute path of the config folder (organization.yaml + accounts/). */
  readonly configDir: string;
  /** The config folder's parent: messages name files relative to it, as the loader does, and local state lives under it. */
  readonly repoRoot: string;
  /** Where `provision` (and `sync` with the S3 backend) synthesizes the org stack: <outdir>/stacks/org. */
  readonly orgOutdir: string;
  /** Environment for child processes (terraform). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Runs terraform. */
  readonly run: CommandRunner;
  /** Where terraform's AWS calls go; default: AWS with the credentials in `env`. */
  readonly target?: Target;
  /** Show terraform's plan and apply output as it runs (default); false captures it (the sandbox). */
  readonly echo?: boolean;
  /** Colour in terraform's output (default true); the entry point turns it off when output is not a terminal or NO_COLOR is set. */
  readonly color?: boolean;
  /** Per terraform command; default 10 minutes. */
  readonly timeoutMs?: number;
  /** Asks who the credentials belong to before terraform runs; default: STS. */
  readonly checkCredentials?: CredentialCheck;
  /** Stops every terraform run when aborted (the sandbox, when the emulator dies). */
  readonly signal?: AbortSignal;
}
