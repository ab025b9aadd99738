/**
 * Runs the accounts CLI in-process against a temporary copy of the example
 * config: a scripted terminal (answers queued in order, each checked by the
 * question's own validator like a person retyping), captured output, and a
 * runner that records commands.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { ConfirmQuestion, InputQuestion, Io, Prompter, SelectQuestion, Workspace } from "../../cli/io.ts";
import { runCli, type CliDeps } from "../../cli/program.ts";
import { spawnRunner, type CommandRunner } from "../../engine/runner.ts";
import type { TempRepo } from "../helpers/example-config.ts";

/** An answer to a question; an Error is thrown from the prompt instead (Ctrl-C is inquirer's ExitPromptError). */
export type Answer = string | boolean | Error;

export interface Session {
  readonly ws: Workspace;
  readonly io: Io;
  /** Lines written to stdout and stderr. */
  readonly out: string[];
  readonly err: string[];
  /** Every question asked, in order, with the problems the validator found in rejected answers. */
  readonly asked: { message: string; rejected: string[] }[];
  /** Output lines and questions in the order they happened ("out: ...", "err: ...", "ask: ..."). */
  readonly transcript: string[];
  /** Runs a command line (after `devops`) and returns its exit code. */
  cli(...argv: string[]): Promise<number>;
}

export interface SessionOptions {
  readonly interactive?: boolean;
  readonly answers?: readonly Answer[];
  readonly run?: CommandRunner;
  readonly env?: Record<string, string | undefined>;
  readonly checkPlan?: CliDeps["checkPlan"];
  /** Terminal width (io.columns); default: not a terminal. */
  readonly columns?: number;
  /** Workspace fields to use instead of the defaults (the emulator target, for example). */
  readonly workspace?: Partial<Workspace>;
}

export function session(repo: TempRepo, options: SessionOptions = {}): Session {
  const out: string[] = [];
  const err: string[] = [];
  const asked: { message: string; rejected: string[] }[] = [];
  const transcript: string[] = [];
  const queue = [...(options.answers ?? [])];
  const next = (message: string): string | boolean => {
    transcript.push(`ask: ${message}`);
    if (queue.length === 0) throw new Error(`unexpected question: ${message}`);
    const answer = queue.shift()!;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const prompt: Prompter = {
    async input(q: InputQuestion) {
      const record = { message: q.message, rejected: [] as string[] };
      asked.push(record);
      for (;;) {
        const raw = next(q.message);
        const answer = raw === "" && q.default !== undefined ? q.default : String(raw);
        const problem = q.validate?.(answer);
        if (problem === undefined) return answer;
        record.rejected.push(problem);
      }
    },
    async select(q: SelectQuestion) {
      asked.push({ message: q.message, rejected: [] });
      const raw = next(q.message);
      const answer = raw === "" && q.default !== undefined ? q.default : String(raw);
      if (!q.choices.includes(answer)) throw new Error(`${answer} is not a choice of "${q.message}": ${q.choices.join(", ")}`);
      return answer;
    },
    async confirm(q: ConfirmQuestion) {
      asked.push({ message: q.message, rejected: [] });
      return Boolean(next(q.message));
    },
  };
  const io: Io = {
    out: (line) => {
      out.push(...line.split("\n"));
      transcript.push(...line.split("\n").map((l) => `out: ${l}`));
    },
    err: (line) => {
      err.push(...line.split("\n"));
      transcript.push(...line.split("\n").map((l) => `err: ${l}`));
    },
    interactive: options.interactive ?? false,
    prompt,
    ...(options.columns !== undefined && { columns: options.columns }),
  };
  const ws: Workspace = {
    configDir: repo.configDir,
    repoRoot: repo.root,
    orgOutdir: join(repo.root, "org", "cdktf.out"),
    env: options.env ?? { PATH: process.env.PATH, HOME: process.env.HOME },
    run: options.run ?? spawnRunner,
    // AWS is not reachable here: the credential check is the real one only where a test asks for it.
    checkCredentials: async () => ({ account: "111111111111", arn: "arn:aws:iam::111111111111:user/test" }),
    ...options.workspace,
  };
  return {
    ws,
    io,
    out,
    err,
    asked,
    transcript,
    cli: (...argv) => runCli(argv, { ws, io, ...(options.checkPlan && { checkPlan: options.checkPlan }) }),
  };
}

/** Every file under the config folder with its content and modification time: to prove nothing was written. */
export function snapshot(repo: TempRepo): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else files[relative(repo.configDir, path)] = `${stat.mtimeMs} ${readFileSync(path, "utf8")}`;
    }
  };
  walk(repo.configDir);
  return files;
}
