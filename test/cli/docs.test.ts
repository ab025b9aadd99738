/**
 * The README's promotion table is generated from config by the promotion
 * functions; the committed one must be what config generates.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { generatedSections, withSection } from "../../cli/docs/generated.ts";
import { loadConfig } from "../../config/load.ts";
import { copyReadmes, EXAMPLE_CONFIG, REPO_ROOT, tempRepo, type TempRepo } from "../helpers/example-config.ts";
import { session } from "./harness.ts";

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

describe("generated docs", () => {
  it("the committed README's promotion table is what config/ generates (npm run docs rewrites it)", () => {
    const config = loadConfig({ configDir: EXAMPLE_CONFIG, repoRoot: REPO_ROOT });
    for (const section of generatedSections(config, REPO_ROOT)) {
      const committed = readFileSync(join(REPO_ROOT, section.file), "utf8");
      expect(withSection(committed, section), `${section.file}: ${section.name}`).toBe(committed);
    }
  });

  it("the table follows the config: a changed tag pattern makes --check fail and writes nothing; docs then writes it", async () => {
    repo = tempRepo();
    copyReadmes(repo);
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

  it("each account folder's README shows its stacks' facts; a changed state folder makes --check name every one, and docs rewrites them", async () => {
    repo = tempRepo();
    copyReadmes(repo);
    const org = readFileSync(join(repo.root, "org", "README.md"), "utf8");
    expect(org).toContain(
      "| `org` | `org` (root) | `state/org.tfstate` (local) | - | `organization_id`, `account_ids`, `state_bucket_name`, `organization_trail_bucket_name` | `dns`, `corp`, `tools`, `app-dev`, `app-stage`, `app-prod` |",
    );
    expect(readFileSync(join(repo.root, "app", "README.md"), "utf8")).toContain("| `app-prod` | `prod` (production; not created yet) | `state/app-prod.tfstate` (local) | `org`, `dns` |");
    expect(readFileSync(join(repo.root, "dns", "README.md"), "utf8")).toContain("npm run deploy -- dns      # from the root: plan, destroy guard, ask, apply that plan");

    repo.edit("organization.yaml", "  local_directory: state\n", "  local_directory: tfstate\n");
    const check = session(repo);
    expect(await check.cli("docs", "--check")).toBe(1);
    expect(check.err).toEqual(["error: org/README.md, dns/README.md, corp/README.md, tools/README.md, app/README.md: not what config/ generates (run npm run docs and commit the result)"]);
    expect(readFileSync(join(repo.root, "org", "README.md"), "utf8")).toBe(org);

    expect(await session(repo).cli("docs")).toBe(0);
    expect(readFileSync(join(repo.root, "app", "README.md"), "utf8")).toContain("`tfstate/app-dev.tfstate` (local)");
    const again = session(repo);
    expect(await again.cli("docs")).toBe(0);
    expect(again.out).toEqual(["generated docs already match config/; nothing written"]);
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
