/**
 * The bad-input corpus (test/fixtures/bad-config/): every case must produce
 * exactly its expected problem lines, file:line and field included. A new
 * config section adds its cases as new folders; nothing here changes.
 */
import { describe, expect, it } from "vitest";
import { applyCase, corpusCases } from "../helpers/bad-config-corpus.ts";
import { tempRepo } from "../helpers/example-config.ts";

const cases = corpusCases();

describe("bad config corpus", () => {
  it("holds enough cases to mean something", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    expect(c.expect.length, "a case must expect at least one problem").toBeGreaterThan(0);
    const repo = tempRepo();
    try {
      applyCase(repo, c);
      expect(repo.problems()).toEqual(c.expect);
    } finally {
      repo.cleanup();
    }
  });
});
