/** Running terraform (and anything else) as a child process, behind a function type tests replace. */
import { spawnSync } from "node:child_process";

export interface RunOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Show the command's output to the user as it runs instead of capturing it (plan, apply). */
  readonly echo?: boolean;
}

export interface RunResult {
  readonly status: number;
  /** Captured output; empty when echoed. */
  readonly stdout: string;
  readonly stderr: string;
}

export type CommandRunner = (command: string, args: readonly string[], options: RunOptions) => RunResult;

/** The real runner: synchronous, never reads the user's stdin (terraform gets -input=false anyway). */
export const spawnRunner: CommandRunner = (command, args, options) => {
  const result = spawnSync(command, [...args], {
    cwd: options.cwd,
    env: { ...options.env } as NodeJS.ProcessEnv,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    stdio: ["ignore", options.echo ? "inherit" : "pipe", options.echo ? "inherit" : "pipe"],
  });
  if (result.error) {
    const why = (result.error as NodeJS.ErrnoException).code === "ENOENT" ? `${command} is not installed or not on PATH` : result.error.message;
    return { status: 127, stdout: "", stderr: why };
  }
  return { status: result.status ?? 1, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
};

/** The environment terraform runs with: the user's, without the update check (it phones home). */
export function terraformEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return { ...env, CHECKPOINT_DISABLE: "1" };
}

export function shellLine(command: string, args: readonly string[]): string {
  return [command, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(" ");
}
