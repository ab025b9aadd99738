/**
 * The example's access model (config/access.yaml) in the synthesized org
 * stack: who gets what where, and where nobody but the platform team gets
 * in (Tools, the management account).
 */
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config/load.ts";
import { OrgStack } from "../../org/org-stack.ts";
import { configWith, EXAMPLE_CONFIG } from "../helpers/example-config.ts";
import { resourcesOfType, synthJson, testApp } from "../helpers/synth.ts";

type Block = Record<string, unknown>;
const { app, cleanup } = testApp();
afterAll(cleanup);
const config = loadConfig({ configDir: EXAMPLE_CONFIG });
const synth = synthJson(new OrgStack(app, { config }));
const of = (type: string) => Object.entries(resourcesOfType(synth, type) as Record<string, Block>);

/** "group permission-set account" for every assignment, the account read back from the target id. */
function whoHasWhat(): string[] {
  const accountOf = (target: string) => {
    const ref = /aws_organizations_account\.account-([\w-]+)\.id/.exec(target);
    if (ref) return ref[1]!;
    if (target === config.managementAccount.accountId) return config.managementAccount.name;
    throw new Error(`target ${target} is neither an account resource nor the management account`);
  };
  const groupOf = (principal: string) => /aws_identitystore_group\.group-([\w-]+)\.group_id/.exec(principal)![1]!;
  const setOf = (arn: string) => /aws_ssoadmin_permission_set\.permission-set-([\w-]+)\.arn/.exec(arn)![1]!;
  return of("aws_ssoadmin_account_assignment")
    .map(([, a]) => `${groupOf(String(a.principal_id))} ${setOf(String(a.permission_set_arn))} ${accountOf(String(a.target_id))}`)
    .sort();
}

describe("people's access (IAM Identity Center)", () => {
  it("platform admins are administrators in every account; developers power users in DEV and read-only in STAGE and PROD", () => {
    const everyAccount = config.accounts.map((a) => a.name);
    expect(whoHasWhat()).toEqual(
      [...everyAccount.map((a) => `platform-admins AdministratorAccess ${a}`), "developers PowerUserAccess dev", "developers ReadOnlyAccess stage", "developers ReadOnlyAccess prod"].sort(),
    );
  });

  it("gives developers nothing in the Tools and management accounts", () => {
    const developers = whoHasWhat().filter((l) => l.startsWith("developers "));
    expect(developers.filter((l) => / (tools|org)$/.test(l))).toEqual([]);
  });

  it("assigns groups (never users) to accounts, in the configured instance", () => {
    for (const [, a] of of("aws_ssoadmin_account_assignment")) {
      expect([a.principal_type, a.target_type, a.instance_arn]).toEqual(["GROUP", "AWS_ACCOUNT", "arn:aws:sso:::instance/ssoins-0123456789abcdef"]);
    }
  });

  it("keeps administrator sessions short and attaches the AWS managed policies", () => {
    const sets = Object.fromEntries(of("aws_ssoadmin_permission_set").map(([, p]) => [p.name, p.session_duration]));
    expect(sets).toEqual({ AdministratorAccess: "PT1H", PowerUserAccess: "PT8H", ReadOnlyAccess: "PT8H" });
    expect(
      of("aws_ssoadmin_managed_policy_attachment")
        .map(([, m]) => m.managed_policy_arn)
        .sort(),
    ).toEqual(["arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/PowerUserAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"]);
  });

  it("creates the groups in the configured identity store", () => {
    expect(
      of("aws_identitystore_group")
        .map(([, g]) => [g.display_name, g.identity_store_id])
        .sort(),
    ).toEqual([
      ["developers", "d-0123456789"],
      ["platform-admins", "d-0123456789"],
    ]);
  });

  it("references an existing group by id instead of creating it, and an OU means every account in it and below", () => {
    const c = configWith((r) => {
      r.edit("access.yaml", "  developers:\n    description: Application developers\n", "  developers:\n    existing_group_id: 906754f3f1-5b6a4c2d-8e9f-4a1b-9c3d-0123456789ab\n");
      r.edit("access.yaml", "    environments: [stage, prod]\n", "    ous: [workloads]\n");
    });
    const { app: a, cleanup: done } = testApp();
    try {
      const s = synthJson(new OrgStack(a, { config: c }));
      expect(Object.values(resourcesOfType(s, "aws_identitystore_group") as Record<string, Block>).map((g) => g.display_name)).toEqual(["platform-admins"]);
      const readOnly = Object.values(resourcesOfType(s, "aws_ssoadmin_account_assignment") as Record<string, Block>).filter((x) => String(x.permission_set_arn).includes("ReadOnlyAccess"));
      expect(readOnly.map((x) => x.principal_id)).toEqual(readOnly.map(() => "906754f3f1-5b6a4c2d-8e9f-4a1b-9c3d-0123456789ab"));
      // workloads holds legacy and, through nonprod and production, dev, stage and prod.
      const inWorkloads = c.accounts.filter((x) => ["workloads", "nonprod", "production"].includes(x.ou ?? "")).map((x) => x.name);
      expect(readOnly.map((x) => /account-([\w-]+)\.id/.exec(String(x.target_id))![1]).sort()).toEqual([...inWorkloads].sort());
      expect(inWorkloads.length).toBeGreaterThanOrEqual(4);
    } finally {
      done();
    }
  });

  it("turns on Identity Center's trusted access even when service_access_principals leaves it out", () => {
    const c = configWith((r) => r.edit("organization.yaml", "  - sso.amazonaws.com\n", ""));
    expect(c.serviceAccessPrincipals).toContain("sso.amazonaws.com");
  });
});
