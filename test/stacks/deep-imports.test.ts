/**
 * Provider classes are imported by deep path only: the barrel
 * (`@cdktf/provider-aws`) loads every binding, 1.4-4 s and 500-700 MB per
 * process, and would undo the sub-second synth.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/example-config.ts";

// Built from parts so this file does not itself contain what it looks for.
const BARREL = ["@cdktf", "provider-aws"].join("/");
const BARREL_IMPORT = new RegExp(`(from\\s+|require\\(\\s*|import\\(\\s*)["']${BARREL}["']`);
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
    const offenders = sourceFiles(REPO_ROOT)
      .map((file) => relative(REPO_ROOT, file))
      .filter((file) => BARREL_IMPORT.test(readFileSync(join(REPO_ROOT, file), "utf8")));
    expect(offenders, "import from @cdktf/provider-aws/lib/<resource> instead").toEqual([]);
  });

  it("the check would see a barrel import", () => {
    expect(BARREL_IMPORT.test(`import { S3Bucket } from "${BARREL}";`)).toBe(true);
    expect(BARREL_IMPORT.test(`import { S3Bucket } from "${BARREL}/lib/s3-bucket";`)).toBe(false);
  });
});
