/**
 * Provider classes are imported by deep path only: the barrel
 * (`@cdktf/provider-aws`) loads every binding, 1.4-4 s and 500-700 MB per
 * process, and would undo the sub-second synth.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/example-config.ts";

// This file spells the barrel out to test the check itself.
const THIS_FILE = join("test", "stacks", "deep-imports.test.ts");
const SKIP = new Set(["node_modules", ".git", "cdktf.out", ".preview", ".cache", ".terraform-cli", "state"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|cjs|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

describe("provider imports", () => {
  it("never use the @cdktf/provider-aws barrel", () => {
    const barrel = /(from\s+|require\(\s*|import\(\s*)["']@cdktf\/provider-aws["']/;
    const offenders = sourceFiles(REPO_ROOT)
      .map((file) => relative(REPO_ROOT, file))
      .filter((file) => file !== THIS_FILE && barrel.test(readFileSync(join(REPO_ROOT, file), "utf8")));
    expect(offenders, "import from @cdktf/provider-aws/lib/<resource> instead").toEqual([]);
  });

  it("the check would see a barrel import", () => {
    expect(/(from\s+|require\(\s*|import\(\s*)["']@cdktf\/provider-aws["']/.test('import { S3Bucket } from "@cdktf/provider-aws";')).toBe(true);
  });
});
