/**
 * `docs`: writes what is derived from config into the files that show it
 * (the README's promotion table); `docs --check` writes nothing and fails
 * naming each file that differs, for CI and the tests.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadCurrent } from "../config-files.ts";
import { beginMarker, endMarker, generatedSections, withSection } from "../docs/generated.ts";
import { CliError, type Io, type Workspace } from "../io.ts";

export interface DocsOptions {
  /** Compare only; fail when a file differs. */
  readonly check?: boolean;
}

export function runDocs(ws: Workspace, io: Io, options: DocsOptions = {}): void {
  const config = loadCurrent(ws);
  const updates = new Map<string, string>();
  const problems: string[] = [];
  for (const section of generatedSections(config)) {
    const path = join(ws.repoRoot, section.file);
    const text = updates.get(path) ?? readFileSync(path, "utf8");
    const next = withSection(text, section);
    if (next === undefined) {
      problems.push(`${section.file}: has no ${section.name} (put the lines ${beginMarker(section.name)} and ${endMarker(section.name)} where it belongs, then run npm run docs)`);
    } else if (next !== text) {
      updates.set(path, next);
    }
  }
  if (problems.length > 0) throw new CliError(problems.join("\n"));
  const stale = [...updates.keys()].map((p) => p.slice(ws.repoRoot.length + 1));
  if (options.check) {
    if (stale.length > 0) throw new CliError(`${stale.join(", ")}: not what config/ generates (run npm run docs and commit the result)`);
    io.out("generated docs match config/");
    return;
  }
  for (const [path, text] of updates) writeFileSync(path, text);
  io.out(stale.length === 0 ? "generated docs already match config/; nothing written" : `wrote ${stale.join(", ")}`);
}
