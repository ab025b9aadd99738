/**
 * Issue #11, section 1: every guardrail exempts the break-glass role by name
 * (arn:aws:iam::*:role/BreakGlassAdmin), so a member-account principal that
 * could create a role with that name, or change an exempted role's trust or
 * policies, would escape every guardrail. Judged by the IAM policy engine
 * over each account's whole SCP chain, as AWS would.
 */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config/load.ts";
import { memberAccounts } from "../../config/model.ts";
import { scpChain } from "../../org/guardrails/expectations/scp-chain.ts";
import { evaluateRequest } from "../../org/guardrails/expectations/simulate.ts";
import { EXAMPLE_CONFIG } from "../helpers/example-config.ts";

const config = loadConfig({ configDir: EXAMPLE_CONFIG });
const ID = "333333333333";
const role = (name: string) => `arn:aws:iam::${ID}:role/${name}`;

/** A role a deploy pipeline might hold: allowed to create and wire up Lambda roles. */
const ORDINARY = role("app-deployer");
const BREAK_GLASS = "BreakGlassAdmin";
const ADMIN = "OrganizationAccountAccessRole";

async function judge(account: string, principal: string, action: string, resource: string) {
  return evaluateRequest(scpChain(config, { account }), { principalArn: principal, accountId: ID, action, resource, region: "eu-west-1" });
}

const ROLE_TAKEOVERS = [
  "iam:CreateRole",
  "iam:DeleteRole",
  "iam:UpdateAssumeRolePolicy",
  "iam:AttachRolePolicy",
  "iam:PutRolePolicy",
  "iam:DetachRolePolicy",
  "iam:DeleteRolePolicy",
  "iam:PutRolePermissionsBoundary",
  "iam:TagRole",
];

describe("the break-glass role cannot be created or taken over from inside a member account", () => {
  const accounts = memberAccounts(config).map((a) => a.name);

  it.each(accounts)("in %s, an ordinary role cannot create, delete, re-trust or re-policy BreakGlassAdmin", async (account) => {
    for (const action of ROLE_TAKEOVERS) {
      const verdict = await judge(account, ORDINARY, action, role(BREAK_GLASS));
      expect(verdict, `${action} by ${ORDINARY}`).toMatchObject({ result: "denied" });
    }
  });

  it.each(accounts)("in %s, nobody can create BreakGlassAdmin under another path, where it would still hold the name", async (account) => {
    expect(await judge(account, ORDINARY, "iam:CreateRole", role(`app/${BREAK_GLASS}`))).toMatchObject({ result: "denied" });
  });

  it.each(accounts)("in %s, an ordinary role cannot create or re-trust an admin role, which other guardrails exempt", async (account) => {
    for (const admin of [ADMIN, "LegacyAdmin"]) {
      for (const action of ["iam:CreateRole", "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy"]) {
        expect(await judge(account, ORDINARY, action, role(admin)), `${action} ${admin}`).toMatchObject({ result: "denied" });
      }
    }
  });

  it("an ordinary role cannot hand BreakGlassAdmin to a service (iam:PassRole) to act as it", async () => {
    expect(await judge("dev", ORDINARY, "iam:PassRole", role(BREAK_GLASS))).toMatchObject({ result: "denied" });
  });

  it("the admin role, reachable only from the management account, creates the break-glass role; that is how it comes to exist", async () => {
    expect(await judge("dev", role(ADMIN), "iam:CreateRole", role(BREAK_GLASS))).toMatchObject({ result: "allowed" });
    expect(await judge("legacy", role("LegacyAdmin"), "iam:CreateRole", role(BREAK_GLASS))).toMatchObject({ result: "allowed" });
  });

  it("the break-glass role still changes the admin roles, and ordinary roles still create ordinary roles", async () => {
    expect(await judge("prod", role(BREAK_GLASS), "iam:UpdateAssumeRolePolicy", role(ADMIN))).toMatchObject({ result: "allowed" });
    expect(await judge("dev", ORDINARY, "iam:CreateRole", role("app-function"))).toMatchObject({ result: "allowed" });
    expect(await judge("dev", ORDINARY, "iam:AttachRolePolicy", role("app-function"))).toMatchObject({ result: "allowed" });
  });
});
