/**
 * Progress on long commands: plain lines without a terminal, a live status
 * line with one, and nothing at all when the work is quick.
 */
import { describe, expect, it } from "vitest";
import { createProgress, type ProgressSink } from "../../cli/progress.ts";

const words = { running: "planning", done: "planned" };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recorder(live: boolean): { sink: ProgressSink; lines: string[]; statuses: (string | undefined)[] } {
  const lines: string[] = [];
  const statuses: (string | undefined)[] = [];
  return { sink: { line: (t) => lines.push(t), ...(live && { status: (t: string | undefined) => statuses.push(t) }) }, lines, statuses };
}

describe("without a terminal (CI)", () => {
  it("prints nothing for quick steps", async () => {
    const r = recorder(false);
    const progress = createProgress(r.sink, { words, quickMs: 200 });
    await Promise.all([progress.step("org", () => sleep(5)), progress.step("dns", () => sleep(5))]);
    progress.close();
    expect(r.lines).toEqual([]);
  });

  it("says which stack a slow step is on once it is slow, and how long it took", async () => {
    const r = recorder(false);
    const progress = createProgress(r.sink, { words, quickMs: 50 });
    await Promise.all([progress.step("org", () => sleep(150)), progress.step("dns", () => sleep(1))]);
    progress.close();
    expect(r.lines).toHaveLength(2);
    expect(r.lines[0]).toBe("org: planning...");
    expect(r.lines[1]).toMatch(/^org: planned in 0\.[12]\d? s$/);
  });

  it("names a failure, quick or not, and passes the error on", async () => {
    const r = recorder(false);
    const progress = createProgress(r.sink, { words, quickMs: 1000 });
    await expect(progress.step("tools", () => Promise.reject(new Error("init failed")))).rejects.toThrow("init failed");
    expect(
      await progress.step(
        "app-dev",
        async () => ({ error: "x" }),
        (res) => (res.error ? "failed" : undefined),
      ),
    ).toEqual({ error: "x" });
    expect(r.lines.map((l) => l.replace(/[\d.]+ s$/, "T"))).toEqual(["tools: failed in T", "app-dev: failed in T"]);
  });
});

describe("on a terminal", () => {
  it("keeps a live line naming the stacks in progress and the count done, then clears it", async () => {
    const r = recorder(true);
    const progress = createProgress(r.sink, { words, quickMs: 30, tickMs: 20, total: 2 });
    await Promise.all([progress.step("org", () => sleep(700)), progress.step("dns", () => sleep(350))]);
    progress.close();
    const shown = r.statuses.filter((s): s is string => s !== undefined);
    expect(shown).toContain("planning org (0 s), dns (0 s) · 0 of 2 done");
    expect(shown).toContain("planning org (0 s) · 1 of 2 done");
    expect(r.statuses.at(-1)).toBeUndefined();
    // a kept line for each finished step, and no "planning..." lines: the live line said it
    expect(r.lines.map((l) => l.replace(/[\d.]+ s$/, "T"))).toEqual(["dns: planned in T", "org: planned in T"]);
  });

  it("shows nothing when everything is quick", async () => {
    const r = recorder(true);
    const progress = createProgress(r.sink, { words, quickMs: 500, tickMs: 10 });
    await progress.step("org", () => sleep(40));
    progress.close();
    expect(r.lines).toEqual([]);
    expect(r.statuses.filter((s) => s !== undefined)).toEqual([]);
  });
});
