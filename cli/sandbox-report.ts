/** `sandbox` as the command line runs it: the run, its table, the measured time, and the emulator stopped afterwards. */
import { join } from "node:path";
import { formatSandboxTable, runSandbox } from "./commands/sandbox.ts";
import type { Io, Workspace } from "./io.ts";

/** True when every stack applied and planned empty again (resources the emulator lacks excepted). */
export async function sandbox(ws: Workspace, io: Io, timeoutMs: number): Promise<boolean> {
  const scratchDir = join(ws.repoRoot, ".sandbox");
  const result = await runSandbox(io, {
    configDir: ws.configDir,
    scratchDir,
    env: ws.env,
    timeoutMs,
    ...(ws.env.AWS_ENDPOINT_URL ? { endpoint: ws.env.AWS_ENDPOINT_URL } : {}),
  });
  try {
    io.out("");
    for (const line of formatSandboxTable(result.rows)) io.out(line);
    io.out("");
    io.out(
      `${result.ok ? "sandbox: every stack applied and planned empty again" : "sandbox: FAILED"} in ${(result.totalMs / 1000).toFixed(1)} s ` +
        `(scratch config and state in ${scratchDir}; your config/ and state/ were not touched)`,
    );
    return result.ok;
  } finally {
    await result.emulator.stop();
  }
}
