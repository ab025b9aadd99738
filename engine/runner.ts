/**
 * Running terraform (and anything else) as a child process, behind a function
 * type tests replace. Asynchronous, because the offline STS stand-in answers
 * from this process's event loop (a synchronous spawn would block it), and
 * because every run needs a time limit and a way to be stopped: an emulator
 * that dies, or a resource the provider retries for ever, must not hang a
 * command.
 */
import { spawn } from "node:child_process";

export interface RunOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Show the command's output to the user as it runs instead of capturing it (plan, apply). */
  readonly echo?: boolean;
  /** Stop the run after this long (default 10 minutes). */
  readonly timeoutMs?: number;
  /** Stops the run when aborted; the reason becomes `stopped`. */
  readonly signal?: AbortSignal;
}

export interface RunResult {
  readonly status: number;
  /** Captured output; empty when echoed. */
  readonly stdout: string;
  readonly stderr: string;
  /** Why the run was stopped before it ended by itself (time limit, abort); absent when it ended by itself. */
  readonly stopped?: string;
  /** Set when the command could not be started at all (not installed, not executable). */
  readonly notStarted?: string;
}

/** Tests replace this; a fake may answer synchronously. */
export type CommandRunner = (command: string, args: readonly string[], options: RunOptions) => RunResult | Promise<RunResult>;

const DEFAULT_TIMEOUT_MS = 600_000;

/** The real runner: never reads the user's stdin (terraform gets -input=false anyway). */
export const spawnRunner: CommandRunner = (command, args, options) =>
  new Promise((resolve) => {
    if (options.signal?.aborted) {
      resolve({ status: 130, stdout: "", stderr: "", stopped: String(options.signal.reason) });
      return;
    }
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: { ...options.env } as NodeJS.ProcessEnv,
      stdio: ["ignore", options.echo ? "inherit" : "pipe", options.echo ? "inherit" : "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on("data", (c: Buffer) => out.push(c));
    child.stderr?.on("data", (c: Buffer) => err.push(c));
    let stopped: string | undefined;
    const stop = (reason: string): void => {
      if (stopped !== undefined) return;
      stopped = reason;
      child.kill("SIGTERM");
      // terraform stops its provider plugins on SIGTERM; insist if it does not exit.
      setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
    };
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(() => stop(`timed out after ${formatDuration(timeoutMs)}`), timeoutMs);
    const onAbort = (): void => stop(String(options.signal?.reason ?? "aborted"));
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const done = (result: RunResult): void => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      resolve(result);
    };
    child.on("error", (e) => {
      const why = (e as NodeJS.ErrnoException).code === "ENOENT" ? `${command} is not installed or not on PATH` : e.message;
      done({ status: 127, stdout: "", stderr: why, notStarted: e.message });
    });
    child.on("close", (code) => {
      const result = { status: code ?? 1, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
      done(stopped === undefined ? result : { ...result, stopped });
    });
  });

export function formatDuration(ms: number): string {
  return ms < 10_000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** The environment terraform runs with: the given one, without the update check (it phones home). */
export function terraformEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return { ...env, CHECKPOINT_DISABLE: "1" };
}

export function shellLine(command: string, args: readonly string[]): string {
  return [command, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(" ");
}
