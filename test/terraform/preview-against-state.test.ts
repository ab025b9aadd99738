/**
 * The preview after a first apply: with the local backend it plans against
 * the recorded state, so it shows the change a deploy would make, and the
 * destroy guard refuses what would lose an account. Real Terraform, offline.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OfflineOrg } from "../engine/guard/helpers/offline-org.ts";
import { REPO_ROOT, removeCorpAccount, tempRepo, type TempRepo } from "../helpers/example-config.ts";

let org: OfflineOrg;
let repo: TempRepo;

function preview() {
  return spawnSync(process.execPath, ["scripts/run.cjs", "cli/preview.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, ORG_CONFIG_DIR: repo.configDir, CDKTF_OUTDIR: join(repo.root, "cdktf.out"), PREVIEW_WORK_ROOT: join(repo.root, "preview") },
    encoding: "utf8",
  });
}

beforeAll(async () => {
  org = await OfflineOrg.start();
  await org.seed();
  repo = tempRepo();
  mkdirSync(join(repo.root, "state"));
  copyFileSync(org.seededState, join(repo.root, "state", "org.tfstate"));
});
afterAll(async () => {
  repo?.cleanup();
  await org?.close();
});

describe("npm run preview against an applied org stack", () => {
  it("plans no changes when config and state agree", () => {
    const run = preview();
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("org: planned against ");
    expect(run.stdout).toMatch(/^org: no changes$/m);
  });

  it("refuses, with exit 1, a config change that would delete an account", () => {
    removeCorpAccount(repo);
    const run = preview();
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^org:\n {2}destroy aws_organizations_account +1$/m);
    expect(run.stdout).toContain("DESTROY GUARD: org would delete or replace protected resources:");
    expect(run.stdout).toContain("aws_organizations_account.account-corp");
  });
});
