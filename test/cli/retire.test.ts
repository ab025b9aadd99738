/**
 * `accounts retire`, and what its config does to the real org stack: a real
 * offline `terraform plan` (aws provider 5.100.0, fake credentials, the STS
 * stub) of the synthesized org stack against a state seeded with the
 * existing accounts.
 */
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { retiredAlias } from "../../cli/emails.ts";
import { tempRepo, type TempRepo } from "../helpers/example-config.ts";
import { session, snapshot } from "./harness.ts";
import { ouId, seedOrgState, type SeedChange } from "./org-state.ts";
import { CREATED_IDS, createdRepo, MANAGEMENT_ID } from "./ids.ts";
import { offlinePlanner, type OfflinePlanner } from "./offline-plan.ts";

const LEGACY = "aws_organizations_account.account-legacy";
const MEMBER_ADDRESSES = Object.keys(CREATED_IDS)
  .filter((n) => n !== "org")
  .map((n) => `aws_organizations_account.account-${n}`)
  .sort();
type Change = { actions: string[]; before: Record<string, unknown>; after: Record<string, unknown> };
let repo: TempRepo;
afterEach(() => repo?.cleanup());

describe("accounts retire: refusals and the retired alias", () => {
  it("refuses the management account, an unknown name, an account never created, and a config without the suspended OU", async () => {
    repo = tempRepo();
    const s = session(repo);
    expect(await s.cli("accounts", "retire", "org")).toBe(1);
    expect(s.err.at(-1)).toMatch(/^error: org is the management account: it owns the organization and cannot be retired/);
    expect(await s.cli("accounts", "retire", "prdo")).toBe(1);
    expect(s.err.at(-1)).toBe("error: prdo is not an account in the config (did you mean prod? accounts: org, security, dns, corp, tools, dev, stage, prod, legacy)");
    expect(await s.cli("accounts", "retire", "prod")).toBe(1);
    expect(s.err.at(-1)).toBe(
      "error: config/accounts/prod.yaml: prod has no account_id, so it was never created, or its id was not synced yet (run: npm run accounts -- sync). " +
        "An account that does not exist needs no retiring: remove prod from accounts in organization.yaml and delete config/accounts/prod.yaml " +
        "Before removing it: environment prod deploys into it (point those at another account in organization.yaml).",
    );
    repo.edit("organization.yaml", "  # Retired accounts wait here until they are closed by hand.\n  suspended: {}\n", "");
    repo.edit("organization.yaml", "    # Retired accounts: nothing runs there any more (accounts retire).\n    suspended: [deny-all]\n", "");
    // the example's expectations test the suspended OU, and would refuse the config first
    repo.remove("guardrail-expectations.yaml");
    const before = snapshot(repo);
    expect(await s.cli("accounts", "retire", "legacy")).toBe(1);
    expect(s.err.at(-1)).toBe(
      'error: config/organization.yaml:26  organizational_units: has no suspended OU, where retired accounts wait to be closed (add "suspended: {}" under organizational_units)',
    );
    expect(snapshot(repo)).toEqual(before);
  });

  it("refuses an account still in use (the protected prod environment deploys into it) in the loader's words, and writes nothing", async () => {
    repo = await createdRepo();
    const s = session(repo);
    const before = snapshot(repo);
    expect(await s.cli("accounts", "retire", "prod")).toBe(1);
    expect(s.err.join("\n")).toContain(
      "config/organization.yaml:48  environments.prod.account: prod sits in OU suspended, whose guardrail deny-all denies every action: " +
        "the prod environment could deploy nothing and what runs there stops " +
        "(point environments.prod.account at another account first, or move prod out of suspended in config/accounts/prod.yaml)",
    );
    expect(snapshot(repo)).toEqual(before);
  });

  it("derives the alias from the email: the next free number, plus-addresses kept, at most 64 characters", () => {
    expect(retiredAlias("aws-prod@example.com", new Set())).toBe("aws-prod-retired-1@example.com");
    expect(retiredAlias("aws-prod@example.com", new Set(["aws-prod-retired-1@example.com"]))).toBe("aws-prod-retired-2@example.com");
    expect(retiredAlias("Root+Prod@Example.com", new Set(["root+prod-retired-1@example.com"]))).toBe("Root+Prod-retired-2@Example.com");
    const long = `${"a".repeat(40)}@example-company.com`; // 60 characters; the alias would be 70
    expect(() => retiredAlias(long, new Set())).toThrow(/would be 70 characters; AWS allows at most 64 \(choose a shorter address that receives mail with --retired-email\)/);
  });
});

describe("accounts retire: the org stack's plan", () => {
  let planner: OfflinePlanner;
  beforeAll(async () => {
    planner = await offlinePlanner(MANAGEMENT_ID);
  });
  afterAll(() => planner?.close());

  it("moves the account to the suspended OU in place, then records the changed email, and never destroys anything", async () => {
    repo = await createdRepo();
    const seedBefore = seedOrgState(join(planner.synth(repo), "cdk.tf.json"), CREATED_IDS, MANAGEMENT_ID);

    // Step 1: retire moves the account; the email stays until AWS has changed it.
    const s = session(repo);
    expect(await s.cli("accounts", "retire", "legacy")).toBe(0);
    expect(repo.read("accounts/legacy.yaml")).toBe(
      "# yaml-language-server: $schema=../schema/account.schema.json\n" +
        "# An account that existed before the organization was managed here. It was\n" +
        "# invited into the organization, so the org stack imports it by id instead of\n" +
        "# creating it. Invited accounts have no OrganizationAccountAccessRole; an admin\n" +
        '# created LegacyAdmin by hand (see README "Managing accounts").\n' +
        "name: legacy\ntitle: Acme Legacy\nemail: ops@example.com\nou: suspended # retired; was workloads\n" +
        'admin_role_name: LegacyAdmin\naccount_id: "222222222222"\n',
    );
    expect(s.out).toContain("       aws account start-primary-email-update --account-id 222222222222 --primary-email ops-retired-1@example.com");
    expect(s.out).toContain("  3. Record it: npm run accounts -- retire legacy --email-changed");
    expect(s.out).toContain("       terraform -chdir=org/cdktf.out/stacks/org state rm 'aws_organizations_account.account-legacy'");

    const moved = await planner.plan(repo, seedBefore, { show: true });
    expect(moved.error).toBeUndefined();
    // Import blocks read from AWS, so the offline copy drops them; every account they name is in the seeded state, where an import is a no-op.
    expect(moved.imports.map((i) => i.to).sort()).toEqual(MEMBER_ADDRESSES);
    const legacy = moved.plan!.resource_changes!.find((c) => c.address === LEGACY)!.change as unknown as Change;
    expect(legacy.actions).toEqual(["update"]);
    expect([legacy.before.parent_id, legacy.after.parent_id]).toEqual([ouId("workloads"), ouId("suspended")]);
    expect([legacy.before.email, legacy.after.email]).toEqual(["ops@example.com", "ops@example.com"]);
    // Nothing is destroyed or replaced. The other 7 members, the 6 OUs and the organization are untouched (no-ops are not
    // listed); everything else the stack has (SCPs, buckets, trail) is not in the seeded state and is created.
    expect(moved.actions.get(LEGACY)).toBe("update");
    for (const [address, action] of moved.actions) {
      if (address !== LEGACY) expect([address, action]).toEqual([address, "create"]);
    }
    expect([...moved.actions.keys()].filter((a) => /^aws_organizations_(account|organizational_unit|organization)\./.test(a))).toEqual([LEGACY]);

    // Step 2: after \`aws account accept-primary-email-update\`, the config records the alias ...
    expect(await s.cli("accounts", "retire", "legacy", "--email-changed")).toBe(0);
    expect(repo.read("accounts/legacy.yaml")).toContain("email: ops-retired-1@example.com # retired; was ops@example.com\n");
    expect(s.out).toContain("config/accounts/legacy.yaml: email ops-retired-1@example.com (was ops@example.com); ops@example.com is free for a new account");
    // ... and a refresh reads the same email from AWS (seeded here): the plan leaves the account alone.
    const afterApi: SeedChange = { accounts: { legacy: { email: "ops-retired-1@example.com", ou: "suspended" } } };
    const recorded = await planner.plan(repo, seedOrgState(join(planner.synth(repo), "cdk.tf.json"), CREATED_IDS, MANAGEMENT_ID, afterApi));
    expect(recorded.error).toBeUndefined();
    expect(recorded.actions.has(LEGACY)).toBe(false); // no-op
    expect([...recorded.actions.values()].every((a) => a === "create")).toBe(true);
    expect(planner.unexpectedCalls()).toEqual([]);
  });
});
