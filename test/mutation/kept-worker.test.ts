/**
 * `npm run mutate` runs each mutant as its own vitest run in one kept child
 * process (mutation/kept-worker.ts). If the child stopped being kept, a run
 * from scratch would take 2–3 times as long; if a kept child stopped re-running
 * the test files, every mutant would "survive" with no test run; if a test
 * file were imported while the previous run's mutant is still active, what
 * it computes at import would judge the next mutant. This runs the
 * real mutate config twice in one vitest, with the pool Stryker's runner asks
 * for ("threads"), as Stryker does.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { strykerLikeVitest } from "./stryker-like-vitest.ts";

const scratch = mkdtempSync(join(tmpdir(), "kept-worker-"));
afterAll(() => {
  delete process.env.KEPT_WORKER_LOG;
  rmSync(scratch, { recursive: true, force: true });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

it("serves consecutive runs from one child that keeps its modules, re-imports the test file with no mutant active, and ends on close", async () => {
  const log = join(scratch, "runs.jsonl");
  process.env.KEPT_WORKER_LOG = log;
  const vitest = await strykerLikeVitest("test/fixtures/kept-worker/*.check.ts");
  const passed: number[] = [];
  try {
    for (let run = 0; run < 2; run++) {
      const files = await vitest.run();
      passed.push(files.flatMap((f) => f.tasks).filter((t) => t.result?.state === "pass").length);
    }
  } finally {
    await vitest.close();
  }

  const runs = readFileSync(log, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { pid: number; module: number; file: number; activeAtImport: string | null; messageListeners: number });
  expect(passed).toEqual([1, 1]);
  // the same child, the imported module evaluated once, the test file twice, never imported under a mutant,
  // and the first run's RPC listener gone (each run's would stay, and every message would reach them all)
  expect(runs).toEqual([
    { pid: runs[0]!.pid, module: 1, file: 1, activeAtImport: null, messageListeners: runs[0]!.messageListeners },
    { pid: runs[0]!.pid, module: 1, file: 2, activeAtImport: null, messageListeners: runs[0]!.messageListeners },
  ]);
  expect(runs[0]!.pid).not.toBe(process.pid);
  await expect.poll(() => isAlive(runs[0]!.pid), { timeout: 5_000 }).toBe(false);
});

it("replaces the child after a run that leaves its heap over the limit, so what runs leave behind cannot pile up", async () => {
  const log = join(scratch, "replaced.jsonl");
  process.env.KEPT_WORKER_LOG = log;
  // every run is over a limit of 0 MB
  process.env.KEPT_WORKER_HEAP_LIMIT_MB = "0";
  try {
    const vitest = await strykerLikeVitest("test/fixtures/kept-worker/*.check.ts");
    try {
      await vitest.run();
      await vitest.run();
    } finally {
      await vitest.close();
    }
  } finally {
    delete process.env.KEPT_WORKER_HEAP_LIMIT_MB;
  }
  const runs = readFileSync(log, "utf8").trim().split("\n").map((line) => JSON.parse(line) as { pid: number; module: number; file: number });
  // a new child for the second run: its own pid, everything evaluated afresh
  expect(runs.map(({ module, file }) => ({ module, file }))).toEqual([
    { module: 1, file: 1 },
    { module: 1, file: 1 },
  ]);
  expect(runs[1]!.pid).not.toBe(runs[0]!.pid);
  await expect.poll(() => isAlive(runs[0]!.pid), { timeout: 5_000 }).toBe(false);
});
