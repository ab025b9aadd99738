/**
 * The config layer sits below everything that reads it: nothing under
 * config/ may import the stacks, the org stack, the commands or the
 * scripts (names both sides must agree on live in naming/, which imports
 * nothing of this repository). A config module reaching up would make the
 * loader depend on cdktf and on code that depends on the loader.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/example-config.ts";

const FORBIDDEN_FOR_CONFIG = ["stacks", "org", "cli", "scripts"];
const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith(".ts") ? [path] : [];
  });
}

/** The repository folders (first path segment) a source's relative imports land in. */
export function importedFolders(file: string, source: string): string[] {
  return [...source.matchAll(SPECIFIER)]
    .map((m) => m[1]!)
    .filter((spec) => spec.startsWith("."))
    .map((spec) => relative(REPO_ROOT, resolve(dirname(file), spec)).split(/[\\/]/)[0]!);
}

function offenders(folder: string, forbidden: readonly string[]): string[] {
  return tsFiles(join(REPO_ROOT, folder)).flatMap((file) =>
    importedFolders(file, readFileSync(file, "utf8"))
      .filter((f) => forbidden.includes(f))
      .map((f) => `${relative(REPO_ROOT, file)} imports from ${f}/`),
  );
}

describe("layering", () => {
  it("no file under config/ imports from stacks/, org/, cli/ or scripts/", () => {
    expect(offenders("config", FORBIDDEN_FOR_CONFIG)).toEqual([]);
  });

  it("naming/ imports nothing of this repository", () => {
    const all = readdirSync(REPO_ROOT, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(
      offenders(
        "naming",
        all.filter((f) => f !== "naming"),
      ),
    ).toEqual([]);
  });

  it("the check sees static, re-exported and dynamic imports", () => {
    const file = join(REPO_ROOT, "config", "x.ts");
    const source = [
      'import { a } from "../stacks/naming.ts";',
      'export { b } from "../org/org-stack.ts";',
      'const c = await import("../cli/io.ts");',
      'import "../scripts/run.cjs";',
      'import { d } from "./model.ts";',
      'import { z } from "zod";',
    ].join("\n");
    expect(importedFolders(file, source)).toEqual(["stacks", "org", "cli", "scripts", "config"]);
  });
});
