/**
 * A mutant run ends at its first failing test, so `npm run mutate` puts the
 * test file that failed most recently first (mutation/killers-first.mts) and
 * imports nothing after a failure (mutation/stop-at-first-failure.ts).
 * Without the first, every policy rule's mutants waited on a synthesis of
 * all seven example stacks after each surviving mutant; without the second,
 * every covering test file was imported after the kill; a run from scratch
 * took 25 minutes or more instead of under 15. The first run goes in path
 * order, so that Stryker, which numbers the tests in that order, writes the
 * same incremental file when nothing changed. This runs the real mutate
 * config as Stryker's runner does (pool "threads", bail 1, one vitest for
 * many runs) over two fixture files.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { strykerLikeVitest } from "./stryker-like-vitest.ts";

const scratch = mkdtempSync(join(tmpdir(), "mutate-order-"));
afterAll(() => {
  delete process.env.MUTATE_ORDER_DIR;
  rmSync(scratch, { recursive: true, force: true });
});

const KILLER = "test/fixtures/mutate-order/killer.check.ts";
const BYSTANDER = "test/fixtures/mutate-order/bystander.check.ts";

/** One mutant's run over `files`, killed or not: which files it imported, in order, and whether it failed. */
async function mutantRunner(bail: number) {
  process.env.MUTATE_ORDER_DIR = scratch;
  const vitest = await strykerLikeVitest("test/fixtures/mutate-order/*.check.ts", bail);
  const log = join(scratch, "imports.log");
  const flag = join(scratch, "fail");
  return {
    async run(files: string[], killed: boolean) {
      if (killed) writeFileSync(flag, "");
      else rmSync(flag, { force: true });
      writeFileSync(log, "");
      const failed = (await vitest.run(files)).some((f) => f.result?.state === "fail");
      return { imported: existsSync(log) ? readFileSync(log, "utf8").split("\n").filter(Boolean) : [], failed };
    },
    close: () => vitest.close(),
  };
}

it("runs the file that failed most recently first, even after a run in which nothing failed, and imports nothing after a failure", async () => {
  const vitest = await mutantRunner(1);
  try {
    expect(await vitest.run([KILLER], true)).toEqual({ imported: ["killer"], failed: true });
    // a surviving mutant: both run, the last killer first although vitest's own order is the longest first
    expect(await vitest.run([BYSTANDER, KILLER], false)).toEqual({ imported: ["killer", "bystander"], failed: false });
    // killed by the first file: the other one is not even imported
    expect(await vitest.run([BYSTANDER, KILLER], true)).toEqual({ imported: ["killer"], failed: true });
  } finally {
    await vitest.close();
  }
});

it("imports every file when bail is off (Stryker's disableBail, to list every killing test)", async () => {
  const vitest = await mutantRunner(0);
  try {
    await vitest.run([KILLER], true);
    expect(await vitest.run([BYSTANDER, KILLER], true)).toEqual({ imported: ["killer", "bystander"], failed: true });
  } finally {
    await vitest.close();
  }
});

it("runs its first run (Stryker's dry run, in whose order Stryker numbers the tests) in path order, whatever vitest's cache holds", async () => {
  const vitest = await mutantRunner(1);
  try {
    // the killer, listed first, is also the quicker: any order but the path's would run it first
    expect(await vitest.run([KILLER, BYSTANDER], false)).toEqual({ imported: ["bystander", "killer"], failed: false });
  } finally {
    await vitest.close();
  }
});
