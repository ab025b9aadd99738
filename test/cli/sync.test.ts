/**
 * `accounts sync` reading a real `terraform output -json` of a real local
 * state (written by terraform apply of an outputs-only config), into a
 * temporary copy of the example config.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { tempRepo, type TempRepo } from "../helpers/example-config.ts";
import { session, snapshot } from "./harness.ts";
import { CREATED_IDS } from "./ids.ts";
import { applyOutputsState, terraformTestEnv } from "./terraform.ts";

const scratch = mkdtempSync(join(tmpdir(), "cli-sync-"));
const env = terraformTestEnv(join(scratch, "tf"));
const appliedState = join(scratch, "applied", "org.tfstate");
let repo: TempRepo;

beforeAll(() => {
  // An account the organization has but the config no longer lists ("old") is reported, not written.
  applyOutputsState(join(scratch, "outputs-only"), appliedState, env, { ...CREATED_IDS, old: "100000000099" });
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => repo.cleanup());

/** A temp repo whose org stack state is the applied one, where the CLI looks for it (state/org.tfstate). */
function repoWithOrgState(): TempRepo {
  repo = tempRepo();
  mkdirSync(join(repo.root, "state"));
  copyFileSync(appliedState, join(repo.root, "state", "org.tfstate"));
  return repo;
}

describe("accounts sync", () => {
  it("writes each new account's id into its file, keeping comments and layout byte for byte", async () => {
    repoWithOrgState();
    // Layout a re-rendering YAML writer would change: aligned trailing comments, a blank line, a quoted title.
    repo.edit("accounts/security.yaml", "title: Acme Security", 'title: "Acme Security"     # shown in the console\n');
    const before = { security: repo.read("accounts/security.yaml"), prod: repo.read("accounts/prod.yaml"), legacy: repo.read("accounts/legacy.yaml") };

    const s = session(repo, { env });
    expect(await s.cli("accounts", "sync")).toBe(0);

    expect(repo.read("accounts/security.yaml")).toBe(`${before.security}account_id: "100000000001"\n`);
    expect(repo.read("accounts/prod.yaml")).toBe(`${before.prod}account_id: "100000000007"\n`);
    expect(repo.read("accounts/legacy.yaml")).toBe(before.legacy); // its id was already there
    const config = repo.load();
    expect(Object.fromEntries(config.accounts.map((a) => [a.name, a.accountId]))).toEqual(CREATED_IDS);

    // 7 members created by the stack; org and legacy had their ids in config already
    expect(s.out.filter((l) => l.endsWith("written"))).toEqual([
      'config/accounts/security.yaml: account_id "100000000001" written',
      'config/accounts/dns.yaml: account_id "100000000002" written',
      'config/accounts/corp.yaml: account_id "100000000003" written',
      'config/accounts/tools.yaml: account_id "100000000004" written',
      'config/accounts/dev.yaml: account_id "100000000005" written',
      'config/accounts/stage.yaml: account_id "100000000006" written',
      'config/accounts/prod.yaml: account_id "100000000007" written',
    ]);
    expect(s.err).toEqual(['note: old is in the org stack\'s state but not in the config (ignored; if it was removed on purpose, see "Retiring an account" in the README)']);

    const unchanged = snapshot(repo);
    const again = session(repo, { env });
    expect(await again.cli("accounts", "sync")).toBe(0);
    expect(again.out).toEqual(["every account id in the org stack's state is already in the config; nothing written"]);
    expect(snapshot(repo)).toEqual(unchanged);
  });

  it("refuses an id that disagrees with the one in the file, and writes none of the others", async () => {
    repoWithOrgState();
    repo.edit("accounts/legacy.yaml", 'account_id: "222222222222"', 'account_id: "999999999999"');
    const before = snapshot(repo);
    const s = session(repo, { env });
    expect(await s.cli("accounts", "sync")).toBe(1);
    expect(s.err).toEqual([
      "error: an account id disagrees with the org stack's state:",
      "  config/accounts/legacy.yaml:11  account_id: 999999999999 is in the file, but the org stack's state (state/org.tfstate) says legacy is 222222222222 (check which is right in the AWS Organizations console and correct the file by hand; sync never overwrites an id)",
      "Nothing was written.",
    ]);
    expect(snapshot(repo)).toEqual(before);
  });

  it("says what to do when the org stack was never applied", async () => {
    repo = tempRepo();
    const s = session(repo, { env });
    expect(await s.cli("accounts", "sync")).toBe(1);
    expect(s.err).toEqual(["error: no state for the org stack at state/org.tfstate: it has not been applied yet (run: npm run accounts -- provision)"]);
  });
});
