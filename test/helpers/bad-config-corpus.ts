/**
 * The bad-input corpus: one folder per case under test/fixtures/bad-config/.
 * case.yaml says what the case is, how it changes the example config (edits,
 * removals, and whole files under the case's own config/ folder) and the
 * exact problem lines the loader must print.
 */
import { copyFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parse } from "yaml";
import { EXAMPLE_CONFIG, type TempRepo } from "./example-config.ts";

export const CORPUS_DIR = join(import.meta.dirname, "..", "fixtures", "bad-config");

export interface BadConfigCase {
  readonly name: string;
  readonly why: string;
  readonly edit: readonly { file: string; replace: string; with: string }[];
  readonly remove: readonly string[];
  readonly expect: readonly string[];
  readonly overlay?: string;
}

export function corpusCases(): BadConfigCase[] {
  return readdirSync(CORPUS_DIR)
    .sort()
    .map((name) => {
      const dir = join(CORPUS_DIR, name);
      const spec = parse(readFileSync(join(dir, "case.yaml"), "utf8")) as Partial<BadConfigCase>;
      const overlay = join(dir, "config");
      return {
        name,
        why: spec.why ?? "",
        edit: spec.edit ?? [],
        remove: spec.remove ?? [],
        expect: spec.expect ?? [],
        ...(existsSync(overlay) && { overlay }),
      };
    });
}

export function applyCase(repo: TempRepo, c: BadConfigCase): void {
  if (c.overlay) cpSync(c.overlay, repo.configDir, { recursive: true, force: true });
  for (const e of c.edit) repo.edit(e.file, e.replace, e.with);
  for (const file of c.remove) repo.remove(file);
}

/**
 * Applies the case to `repo` (a copy of the example config), runs `check`,
 * and then puts every file the case touched back as the example has it, so
 * one copy serves the whole corpus: a copy per case was two thirds of a
 * case's time, and `npm run mutate` runs the corpus once per mutant.
 */
export function withCaseApplied<T>(repo: TempRepo, c: BadConfigCase, check: () => T): T {
  const touched = new Set<string>([...c.edit.map((e) => e.file), ...c.remove]);
  if (c.overlay) for (const file of filesUnder(c.overlay)) touched.add(relative(c.overlay, file));
  try {
    applyCase(repo, c);
    return check();
  } finally {
    for (const file of touched) restore(repo, file);
  }
}

function restore(repo: TempRepo, file: string): void {
  if (existsSync(join(EXAMPLE_CONFIG, file))) {
    copyFileSync(join(EXAMPLE_CONFIG, file), join(repo.configDir, file));
    return;
  }
  rmSync(join(repo.configDir, file), { force: true });
  // and the folders the case brought with it, up to the first one the example has
  for (let dir = dirname(file); dir !== "." && !existsSync(join(EXAMPLE_CONFIG, dir)); dir = dirname(dir)) {
    rmSync(join(repo.configDir, dir), { recursive: true, force: true });
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}
