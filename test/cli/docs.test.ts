/**
 * The README's promotion table is generated from config by the promotion
 * functions; the committed one must be what config generates.
 */
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { generatedSections, withSection } from "../../cli/docs/generated.ts";
import { loadConfig } from "../../config/load.ts";
import { EXAMPLE_CONFIG, REPO_ROOT, tempRepo, type TempRepo } from "../helpers/example-config.ts";
import { session } from "./harness.ts";

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

describe("generated docs", () => {
  it("the committed README's promotion table is what config/ generates (npm run docs rewrites it)", () => {
    const config = loadConfig({ configDir: EXAMPLE_CONFIG, repoRoot: REPO_ROOT });
    for (const section of generatedSections(config)) {
      const committed = readFileSync(join(REPO_ROOT, section.file), "utf8");
      expect(withSection(committed, section), `${section.file}: ${section.name}`).toBe(committed);
    }
  });

  it("the table follows the config: a changed tag pattern makes --check fail and writes nothing; docs then writes it", async () => {
    repo = tempRepo();
    copyFileSync(join(REPO_ROOT, "README.md"), join(repo.root, "README.md"));
    repo.edit("organization.yaml", 'tag: "v*"', 'tag: "release-*"');
    const before = readFileSync(join(repo.root, "README.md"), "utf8");

    const check = session(repo);
    expect(await check.cli("docs", "--check")).toBe(1);
    expect(check.err).toEqual(["error: README.md: not what config/ generates (run npm run docs and commit the result)"]);
    expect(readFileSync(join(repo.root, "README.md"), "utf8")).toBe(before);

    const write = session(repo);
    expect(await write.cli("docs")).toBe(0);
    const after = readFileSync(join(repo.root, "README.md"), "utf8");
    expect(after).toContain("| `refs/tags/release-*` | PROD | `app-prod` into the `prod` account, only a commit already on `main` | yes |");
    expect(after).not.toContain("refs/tags/v*");
    expect(await session(repo).cli("docs", "--check")).toBe(0);
  });

  it("a README without the markers is named, with what to add, and nothing is written", async () => {
    repo = tempRepo();
    const text = "# readme\n\nno table here\n";
    repo.write("../README.md", text);
    const s = session(repo);
    expect(await s.cli("docs")).toBe(1);
    expect(s.err[0]).toContain("README.md: has no promotion table (put the lines <!-- generated: promotion table");
    expect(readFileSync(join(repo.root, "README.md"), "utf8")).toBe(text);
  });
});
