/**
 * The organization's life, applied for real against the moto emulator (no
 * AWS): a fresh organization with every stack of the registry applied in
 * deploy order and planned empty again (npm run sandbox), then a new account
 * through init + provision + sync, its retirement (moved to the suspended
 * OU, nothing destroyed), and accounts removed from the config: the destroy
 * guard refuses the real plan, and --allow-destroy lets through exactly the
 * address it names.
 *
 * The steps depend on each other, in order, in one emulator.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSandbox, type SandboxResult } from "../../cli/commands/sandbox.ts";
import type { Io } from "../../cli/io.ts";
import { emulatorJsonCall } from "../../engine/targets/emulator.ts";
import { stsCredentialCheck } from "../../engine/targets/identity.ts";
import { stackEntries } from "../../stacks/registry.ts";
import { session } from "../cli/harness.ts";
import { EXAMPLE_CONFIG, repoAt, type TempRepo } from "../helpers/example-config.ts";

/** Every file under a folder with a hash of its content: to prove the user's files are untouched. */
function fingerprint(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  if (!existsSync(dir)) return files;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  };
  walk(dir);
  return files;
}

const lines: string[] = [];
const io: Io = {
  out: (l) => lines.push(l),
  err: (l) => lines.push(l),
  interactive: false,
  prompt: {
    input: () => Promise.reject(new Error("no questions in the lifecycle")),
    select: () => Promise.reject(new Error("no questions in the lifecycle")),
    confirm: () => Promise.reject(new Error("no questions in the lifecycle")),
  },
};

let touched: { config: boolean; state: boolean };
let scratch: string;
let result: SandboxResult;
let repo: TempRepo;

/** A CLI session in the sandbox's scratch repository, pointed at the same emulator. */
function cli() {
  return session(repo, { workspace: { target: result.ws.target!, checkCredentials: stsCredentialCheck, echo: false, timeoutMs: 120_000 } });
}

/** Sets the member accounts list of the scratch organization.yaml (whatever layout the sandbox wrote it in). */
function setAccounts(names: readonly string[]): void {
  const text = repo.read("organization.yaml");
  const next = text.replace(/^accounts: \[.*\]$/m, `accounts: [${names.join(", ")}]`);
  if (next === text && !text.includes(`accounts: [${names.join(", ")}]`)) throw new Error("no one-line accounts list in the scratch organization.yaml");
  repo.write("organization.yaml", next);
}

const MEMBERS = ["security", "dns", "corp", "tools", "dev", "stage", "prod"];

async function accountParent(accountId: string): Promise<string> {
  const answer = (await emulatorJsonCall(result.emulator.endpoint, "AWSOrganizationsV20161128.ListParents", { ChildId: accountId })) as { Parents: { Id: string }[] };
  return answer.Parents[0]!.Id;
}

async function ouNamed(name: string): Promise<string> {
  const roots = (await emulatorJsonCall(result.emulator.endpoint, "AWSOrganizationsV20161128.ListRoots", {})) as { Roots: { Id: string }[] };
  const ous = (await emulatorJsonCall(result.emulator.endpoint, "AWSOrganizationsV20161128.ListOrganizationalUnitsForParent", { ParentId: roots.Roots[0]!.Id })) as {
    OrganizationalUnits: { Id: string; Name: string }[];
  };
  return ous.OrganizationalUnits.find((o) => o.Name === name)!.Id;
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "sandbox-lifecycle-"));
  // The user's repository: the example config, and a state folder from an earlier apply of theirs.
  const user = join(scratch, "user");
  cpSync(EXAMPLE_CONFIG, join(user, "config"), { recursive: true, filter: (src) => !src.endsWith(".ts") });
  mkdirSync(join(user, "state"));
  writeFileSync(join(user, "state", "org.tfstate"), JSON.stringify({ version: 4, resources: [] }));
  const configBefore = fingerprint(join(user, "config"));
  const stateBefore = fingerprint(join(user, "state"));
  result = await runSandbox(io, { configDir: join(user, "config"), scratchDir: join(scratch, "repo"), env: process.env, timeoutMs: 120_000 });
  touched = {
    config: JSON.stringify(fingerprint(join(user, "config"))) !== JSON.stringify(configBefore),
    state: JSON.stringify(fingerprint(join(user, "state"))) !== JSON.stringify(stateBefore),
  };
  repo = repoAt(join(scratch, "repo"));
}, 400_000);

afterAll(async () => {
  await result?.emulator.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("the organization's lifecycle on the AWS emulator", () => {
  it("applies every stack in deploy order, and each plans empty right after its apply", () => {
    expect(result.rows.filter((r) => r.error !== undefined).map((r) => `${r.stack}: ${r.error}`)).toEqual([]);
    expect(result.ok).toBe(true);
    // org twice (before and after sync), then every other stack of the registry once.
    const config = repo.load();
    const others = stackEntries(config).filter((s) => s.id !== "org");
    const applied = result.rows.map((r) => r.stack);
    expect(applied.slice(0, 2)).toEqual(["org", "org"]);
    expect([...applied.slice(2)].sort()).toEqual(others.map((s) => s.id).sort());
    // Each stack after every stack it reads (the waves may apply unrelated stacks in any order).
    for (const stack of others) {
      for (const producer of stack.follows) {
        expect(applied.lastIndexOf(producer), `${stack.id} applied before ${producer}`).toBeLessThan(applied.indexOf(stack.id));
      }
    }
    for (const row of result.rows) expect(row.secondPlanEmpty, `${row.stack} (${row.step}): ${row.drift.join(", ")}`).toBe(true);
    // State holds what the plans created and imported: the first apply everything but the known
    // account and the trail; the second the imported legacy account and the trail bucket with its
    // 5 controls (the trail itself is not emulated).
    const [first, second] = result.rows;
    expect(first!.resources).toBe(first!.added);
    expect(second!.added).toBe(1 + 6);
    expect(second!.resources).toBe(first!.resources! + second!.added);
    // What the emulator cannot do, by cause: the trail, and Identity Center's permission sets with
    // their policy attachments and account assignments (the groups apply).
    expect([...new Set(result.rows[1]!.leftOut.map((l) => l.cause))].sort()).toEqual(["aws_cloudtrail", "aws_ssoadmin_permission_set"]);
    expect(result.rows[1]!.leftOut.filter((l) => l.cause === "aws_cloudtrail").map((l) => l.address.split(".")[0])).toEqual(["aws_cloudtrail"]);
  });

  it("drift: the applied stacks match AWS; a tag added outside Terraform is named, and fails the check", async () => {
    const clean = cli();
    expect(await clean.cli("drift", "org", "app-dev"), clean.err.join("\n")).toBe(0);
    expect(clean.out).toContain("org: no drift (AWS matches the state and the code)");
    expect(clean.out).toContain("app-dev: no drift (AWS matches the state and the code)");
    expect(clean.out).toContain("no drift in 2 stack(s)");

    // Someone tags the dns account by hand in the console.
    const dns = repo.load().accounts.find((a) => a.name === "dns")!;
    const tag = { ResourceId: dns.accountId, Tags: [{ Key: "changed-by", Value: "console" }] };
    await emulatorJsonCall(result.emulator.endpoint, "AWSOrganizationsV20161128.TagResource", tag);
    try {
      const drifted = cli();
      expect(await drifted.cli("drift", "org")).toBe(1);
      expect(drifted.out).toContain("org: drift: the plan: 0 to create, 1 to update in place, 0 to replace, 0 to destroy, 0 to import");
      expect(drifted.out).toContain("  ~ aws_organizations_account.account-dns");
      expect(drifted.err.join("\n")).toContain("drift in org: AWS differs from what the code and state say");
    } finally {
      await emulatorJsonCall(result.emulator.endpoint, "AWSOrganizationsV20161128.UntagResource", { ResourceId: dns.accountId, TagKeys: ["changed-by"] });
    }
  });

  it("as the Tools account's runners: deploy:ci applies app-dev through its deploy role, drift plans it through its drift role, both in sync", async () => {
    const deploy = cli();
    expect(await deploy.cli("deploy:ci", "--as", "runner", "--ref", "refs/heads/develop"), deploy.err.join("\n")).toBe(0);
    expect(deploy.out).toContain(`deploying stack app-dev into account dev (${repo.load().accounts.find((a) => a.name === "dev")!.accountId}) through role deploy-dev`);
    expect(deploy.out.join("\n")).toContain("app-dev stack plan: 0 to create, 0 to update in place, 0 to replace, 0 to destroy, 0 to import");
    const drift = cli();
    expect(await drift.cli("drift", "--as", "runner"), drift.err.join("\n")).toBe(0);
    expect(drift.out[0]).toBe(
      "org, dns, corp, tools: not checked by the drift runner, which reaches only the app stacks (check them with the management account's credentials: npm run drift -- org dns corp tools)",
    );
    for (const env of ["dev", "stage", "prod"]) expect(drift.out).toContain(`app-${env}: no drift (AWS matches the state and the code)`);
  });

  it("wrote the emulator's account ids into the scratch config, imported the known account, and touched nothing of the user's", async () => {
    const config = repo.load();
    expect(config.managementAccount.accountId).toBe("123456789012");
    expect(config.accounts.filter((a) => a.accountId === undefined).map((a) => a.name)).toEqual([]);
    const legacy = config.accounts.find((a) => a.name === "legacy")!;
    expect(legacy.accountId).not.toBe("222222222222");
    expect(await accountParent(legacy.accountId!)).toBe(await ouNamed("workloads"));
    expect(touched).toEqual({ config: false, state: false });
  });

  it("creates a new account with init + provision, writes its id (sync), and a second provision changes nothing", async () => {
    setAccounts([...MEMBERS, "legacy", "qa"]);
    const s = cli();
    expect(await s.cli("accounts", "init", "qa", "--yes", "--ou", "workloads")).toBe(0);
    expect(await s.cli("accounts", "provision", "--auto-approve"), s.err.join("\n")).toBe(0);
    expect(s.out).toContain("org stack plan: 1 to create, 0 to update in place, 0 to replace, 0 to destroy, 0 to import");
    const qa = repo.load().accounts.find((a) => a.name === "qa")!;
    expect(qa.accountId).toMatch(/^\d{12}$/);
    expect(await accountParent(qa.accountId!)).toBe(await ouNamed("workloads"));

    const again = cli();
    expect(await again.cli("accounts", "provision", "--auto-approve")).toBe(0);
    expect(again.out).toContain("no changes to apply");
  });

  it("retires the account: it moves to the suspended OU in place, and the plan destroys nothing", async () => {
    const s = cli();
    expect(await s.cli("accounts", "retire", "qa"), s.err.join("\n")).toBe(0);
    expect(repo.read("accounts/qa.yaml")).toMatch(/^ou: suspended/m);
    expect(await s.cli("accounts", "provision", "--auto-approve"), s.err.join("\n")).toBe(0);
    expect(s.out).toContain("org stack plan: 0 to create, 1 to update in place, 0 to replace, 0 to destroy, 0 to import");
    expect(s.out).toContain("  ~ aws_organizations_account.account-qa");
    const qa = repo.load().accounts.find((a) => a.name === "qa")!;
    expect(await accountParent(qa.accountId!)).toBe(await ouNamed("suspended"));
  });

  it("refuses a real plan that deletes accounts removed from the config; --allow-destroy passes exactly the address it names", async () => {
    const legacyFile = repo.read("accounts/legacy.yaml");
    setAccounts(MEMBERS);
    repo.remove("accounts/qa.yaml");
    repo.remove("accounts/legacy.yaml");

    const refused = cli();
    expect(await refused.cli("deploy", "org", "--auto-approve")).toBe(1);
    const said = refused.err.join("\n");
    expect(said).toContain("aws_organizations_account.account-qa (an AWS account): delete because it is no longer in the configuration");
    expect(said).toContain("aws_organizations_account.account-legacy (an AWS account): delete because it is no longer in the configuration");
    expect(refused.out.some((l) => l.startsWith("  - aws_organizations_account"))).toBe(true);

    // Allowing one of the two is not enough: the other is still refused, nothing is applied.
    const one = cli();
    expect(await one.cli("deploy", "org", "--auto-approve", "--allow-destroy", "aws_organizations_account.account-qa")).toBe(1);
    expect(one.err.join("\n")).toContain("aws_organizations_account.account-qa (an AWS account): delete because it is no longer in the configuration [allowed by --allow]");
    expect(one.err.join("\n")).toContain("refused: the plan would delete or replace a protected resource:");
    expect(one.err.join("\n")).toContain("aws_organizations_account.account-legacy (an AWS account): delete because it is no longer in the configuration\n");

    // With legacy back, the plan deletes only qa, which is allowed: applied.
    repo.write("accounts/legacy.yaml", legacyFile);
    setAccounts([...MEMBERS, "legacy"]);
    const applied = cli();
    expect(await applied.cli("deploy", "org", "--auto-approve", "--allow-destroy", "aws_organizations_account.account-qa"), applied.err.join("\n")).toBe(0);
    expect(applied.out).toContain("org stack plan: 0 to create, 0 to update in place, 0 to replace, 1 to destroy, 0 to import");
    expect(applied.out).toContain("  - aws_organizations_account.account-qa");
  });
});
