/**
 * Issue requirement: synthesizing every stack directly (no cdktf CLI; `npm run
 * synth`, i.e. node scripts/run.cjs main.ts) stays
 * under 1 s on these 2-core machines. Runs in the "timing" project, before
 * any terraform test starts (see vitest.config.mts); the best of three runs,
 * so one scheduling hiccup does not decide it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/example-config.ts";

const outdir = mkdtempSync(join(tmpdir(), "synth-time-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

function timedSynth(): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["scripts/run.cjs", "main.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`synth failed: ${result.stderr}`);
  return (performance.now() - started) / 1000;
}

describe("synth speed", () => {
  it("synthesizes every stack of the example config in under a second", () => {
    const times = [timedSynth(), timedSynth(), timedSynth()];
    expect(Math.min(...times), `runs took ${times.map((t) => t.toFixed(2)).join(", ")} s`).toBeLessThan(1);
  });
});
