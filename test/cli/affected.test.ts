/**
 * `affected` on a real clone of this repository: each revision synthesized
 * with its own code and config, and the stacks compared by their Terraform
 * JSON. One account file touches only org; the app's code only the app
 * stacks; the base stack every stack.
 */
import { execFileSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, repoAt } from "../helpers/example-config.ts";
import { session } from "./harness.ts";

let scratch: string;
let clone: string;
const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], { cwd: clone, encoding: "utf8" }).trim();

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "affected-test-"));
  clone = join(scratch, "repo");
  execFileSync("git", ["clone", "--quiet", "--no-hardlinks", REPO_ROOT, clone]);
  symlinkSync(join(REPO_ROOT, "node_modules"), join(clone, "node_modules"), "dir");
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function affected(): Promise<string[]> {
  const s = session(repoAt(clone));
  expect(await s.cli("affected", "--base", "HEAD", "--json"), s.err.join("\n")).toBe(0);
  return (JSON.parse(s.out.at(-1)!) as { affected: string[] }).affected;
}

describe("affected", () => {
  it("finds nothing when the working tree synthesizes as HEAD does", async () => {
    expect(await affected()).toEqual([]);
  });

  it("one account file touches only the org stack", async () => {
    const file = join(clone, "config", "accounts", "legacy.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("title: Acme Legacy", "title: Acme Legacy Apps"));
    expect(await affected()).toEqual(["org"]);
    git("checkout", "--", ".");
  });

  it("the app's code touches only the app stacks (their code zip changes)", async () => {
    appendFileSync(join(clone, "app", "src", "handler.mjs"), "// a change\n");
    expect(await affected()).toEqual(["app-dev", "app-prod", "app-stage"]);
    git("checkout", "--", ".");
  });

  it("the base stack's provider touches every stack", async () => {
    const file = join(clone, "stacks", "aws-provider.ts");
    writeFileSync(file, readFileSync(file, "utf8").replace('ManagedBy: "cdktf"', 'ManagedBy: "cdktf-repo"'));
    expect(await affected()).toEqual(["app-dev", "app-prod", "app-stage", "corp", "dns", "org", "tools"]);
    git("checkout", "--", ".");
  });

  it("deploy:ci --since skips a stack that synthesizes as at that revision, and deploys one that differs", async () => {
    const dryRun = async (...args: string[]) => {
      const s = session(repoAt(clone));
      expect(await s.cli("deploy:ci", "--dry-run", "--since", "HEAD", ...args), s.err.join("\n")).toBe(0);
      return s.out;
    };
    // An account file touches org, not app-dev: the DEV deploy has nothing to plan.
    const file = join(clone, "config", "accounts", "legacy.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("title: Acme Legacy", "title: Acme Legacy Apps"));
    expect(await dryRun("--ref", "refs/heads/develop")).toEqual([
      "ref refs/heads/develop (from --ref)",
      "environment dev: refs/heads/develop is the branch of dev",
      "nothing to deploy: stack app-dev synthesizes exactly as at HEAD (--since)",
    ]);
    expect((await dryRun("--ref", "refs/heads/main", "--stack", "org")).slice(1)).toEqual([
      "stack org differs from HEAD: it is planned and deployed",
      "would deploy shared stack org into account org (111111111111) from refs/heads/main: synthesize, plan, destroy guard, apply exactly the saved plan",
      "dry run: nothing was deployed",
    ]);
    git("checkout", "--", ".");
  });

  it("refuses a base that is not a revision of the clone", async () => {
    const s = session(repoAt(clone));
    expect(await s.cli("affected", "--base", "no-such-branch")).toBe(1);
    expect(s.err.at(-1)).toBe("error: --base no-such-branch: not a revision of this clone");
  });
});
