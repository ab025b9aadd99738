/**
 * No case of the bad-input corpus (test/fixtures/bad-config/) gets as far as
 * output: synthesis stops with the config's problems and writes nothing, not
 * even an empty cdktf.out. The exact lines of each case are bad-config.test.ts.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../config/problems.ts";
import { buildAllStacks } from "../../stacks/all-stacks.ts";
import { synthesizeOrThrow } from "../../stacks/synthesize.ts";
import { corpusCases, withCaseApplied } from "../helpers/bad-config-corpus.ts";
import { tempRepo } from "../helpers/example-config.ts";

const repo = tempRepo();
afterAll(() => repo.cleanup());

describe("synthesis from a bad config", () => {
  it.each(corpusCases().map((c) => [c.name, c] as const))("%s writes nothing", (_name, c) => {
    withCaseApplied(repo, c, () => {
      const outdir = join(repo.root, "cdktf.out");
      expect(() => synthesizeOrThrow({ configDir: repo.configDir, outdir }, buildAllStacks)).toThrow(ConfigError);
      expect(existsSync(outdir)).toBe(false);
      expect(readdirSync(repo.root)).toEqual(["config"]);
    });
  });
});
