/**
 * The bad-input corpus: one folder per case under test/fixtures/bad-config/.
 * case.yaml says what the case is, how it changes the example config (edits,
 * removals, and whole files under the case's own config/ folder) and the
 * exact problem lines the loader must print.
 */
import { cpSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { TempRepo } from "./example-config.ts";

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
