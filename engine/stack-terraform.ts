/**
 * Terraform in one synthesized stack folder, as the commands run it: each
 * step's output either shown to the user (plan, apply) or captured, every
 * step bounded in time, and a failure that says which command failed where,
 * in Terraform's own words, and, when a step was stopped, which resources
 * were still in progress (the one that hung).
 */
import { UserError } from "./errors.ts";
import { shellLine, spawnRunner, terraformEnv, type CommandRunner } from "./runner.ts";

export interface StackTerraform {
  /** The synthesized stack folder (holds cdk.tf.json). */
  readonly dir: string;
  /** The folder as messages show it (relative to the repository). */
  readonly shownDir: string;
  /** The complete environment terraform runs with (from a target). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Default: the real child process. */
  readonly run?: CommandRunner;
  /** Show plan and apply output to the user as it runs; default true. False captures it (parallel runs, the sandbox). */
  readonly echo?: boolean;
  /** Per terraform command; default 10 minutes. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Colour codes in terraform's output; default true. Off for files, CI logs, captured output and NO_COLOR. */
  readonly color?: boolean;
}

export interface StepResult {
  readonly status: number;
  readonly stdout: string;
}

/**
 * Runs one terraform command; `okStatus` are the exit codes that are not a
 * failure (plan -detailed-exitcode exits 2 for "changes"). Throws a UserError
 * otherwise.
 */
export async function terraformStep(stack: StackTerraform, command: readonly string[], options: { echo?: boolean; okStatus?: readonly number[] } = {}): Promise<StepResult> {
  const echo = options.echo === true && stack.echo !== false;
  const args = stack.color === false ? [command[0]!, "-no-color", ...command.slice(1)] : command;
  const result = await (stack.run ?? spawnRunner)("terraform", args, {
    cwd: stack.dir,
    env: terraformEnv(stack.env),
    ...(echo && { echo }),
    ...(stack.timeoutMs !== undefined && { timeoutMs: stack.timeoutMs }),
    ...(stack.signal && { signal: stack.signal }),
  });
  const where = `in ${stack.shownDir}: ${shellLine("terraform", args)}`;
  if (result.stopped !== undefined) {
    const pending = inProgressResources(result.stdout);
    throw new UserError(`terraform ${args[0]} was stopped (${where}): ${result.stopped}` + (pending.length > 0 ? `; still in progress: ${pending.join(", ")}` : ""));
  }
  if (!(options.okStatus ?? [0]).includes(result.status)) {
    const said = `${result.stderr}\n${result.stdout}`.trim();
    throw new UserError(`terraform ${args[0]} failed (${where})${said ? `:\n${said}` : ""}`);
  }
  return { status: result.status, stdout: result.stdout };
}

export async function terraformText(stack: StackTerraform, args: readonly string[], echo = false): Promise<string> {
  return (await terraformStep(stack, args, { echo })).stdout;
}

const STARTED = /^(?:\S+ )?(\S+): (?:Creating|Modifying|Destroying|Reading|Importing|Still (?:creating|modifying|destroying|reading))\.\.\./;
const FINISHED = /^(?:\S+ )?(\S+): (?:Creation|Modifications|Destruction|Read|Import) complete/;

/** Resources terraform's human output shows as started and never finished: what a stopped apply was waiting on. */
export function inProgressResources(output: string): string[] {
  const open = new Set<string>();
  for (const raw of output.split("\n")) {
    // Strip colour codes: terraform colours its output unless -no-color.
    // eslint-disable-next-line no-control-regex -- the escape character is exactly what is stripped
    const line = raw.replace(/\x1b\[[0-9;]*m/g, "").trim();
    const finished = FINISHED.exec(line);
    if (finished) {
      open.delete(finished[1]!);
      continue;
    }
    const started = STARTED.exec(line);
    if (started) open.add(started[1]!);
  }
  return [...open];
}
