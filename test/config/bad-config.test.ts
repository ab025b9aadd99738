/**
 * The bad-input corpus (test/fixtures/bad-config/): every case must produce
 * exactly its expected problem lines, file:line and field included. A new
 * config section adds its cases as new folders; nothing here changes.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../config/problems.ts";
import { buildAllStacks } from "../../stacks/all-stacks.ts";
import { synthesizeOrThrow } from "../../stacks/synthesize.ts";
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
      // and nothing is synthesized from it
      const outdir = join(repo.root, "cdktf.out");
      expect(() => synthesizeOrThrow({ configDir: repo.configDir, outdir }, buildAllStacks)).toThrow(ConfigError);
      expect(existsSync(outdir)).toBe(false);
      expect(readdirSync(repo.root)).toEqual(["config"]);
    } finally {
      repo.cleanup();
    }
  });
});
