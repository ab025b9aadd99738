/**
 * The deploy path cannot become an administrator: AWS's policy evaluation
 * (iam-simulate) over the deploy role's synthesized policy, the app
 * boundary and the guardrails that apply to the PROD account, with real
 * account ids. Each attack a pipeline run (or anyone holding its
 * credentials) could try is denied; what a deploy really needs is allowed.
 */
import { describe, expect, it } from "vitest";
import { scpChain } from "../../org/guardrails/expectations/scp-chain.ts";
import { ToolsStack } from "../../tools/tools-stack.ts";
import { AppStack } from "../../app/app-stack.ts";
import { decide, type IamPolicies, type IamRequest } from "../helpers/iam-engine.ts";
import { configWith } from "../helpers/example-config.ts";
import { withAccountIds, ACCOUNT_IDS } from "../helpers/account-ids.ts";
import { resourcesOfType, synthJson, testApp } from "../helpers/synth.ts";

type Json = Record<string, any>;
const config = configWith(withAccountIds);
const PROD = ACCOUNT_IDS.prod;
const DEPLOY = `arn:aws:iam::${PROD}:role/deploy-prod`;
const BOUNDARY = `arn:aws:iam::${PROD}:policy/deploy-prod-app-boundary`;
const APP_ROLE = `arn:aws:iam::${PROD}:role/acme-prod-api`;

function synthesize() {
  const { app, cleanup } = testApp();
  try {
    const tools = synthJson(new ToolsStack(app, { config }));
    const prodApp = synthJson(new AppStack(app, { config, app: config.app!.environments.find((e) => e.environment === "prod")! }));
    return { tools, prodApp };
  } finally {
    cleanup();
  }
}
const { tools, prodApp } = synthesize();
const policyNamed = (name: string): Json => JSON.parse(Object.values(resourcesOfType(tools, "aws_iam_policy")).find((p) => p.name === name)!.policy as string) as Json;
const deployPolicy = policyNamed("deploy-prod");
const boundary = policyNamed("deploy-prod-app-boundary");
const prodScps = scpChain(config, { account: "prod" }).map((level) => level.policies.map((p) => p.document));

/** As the PROD deploy role, under the guardrails of the PROD account. */
const asDeployRole = (request: Omit<IamRequest, "principal">) => decide({ principal: DEPLOY, ...request }, { identity: [deployPolicy], scps: prodScps });
const withBoundary = (arn: string) => ({ "iam:PermissionsBoundary": arn });

describe("the PROD deploy role", () => {
  it("creates the app's roles only with the environment's boundary", async () => {
    expect(await asDeployRole({ action: "iam:CreateRole", resource: APP_ROLE, context: withBoundary(BOUNDARY) })).toBe("Allowed");
    expect(await asDeployRole({ action: "iam:CreateRole", resource: `arn:aws:iam::${PROD}:role/acme-prod-x` })).not.toBe("Allowed");
    expect(await asDeployRole({ action: "iam:CreateRole", resource: `arn:aws:iam::${PROD}:role/acme-prod-x`, context: withBoundary(`arn:aws:iam::${PROD}:policy/acme-prod-anything`) })).not.toBe(
      "Allowed",
    );
  });

  it("cannot attach AdministratorAccess (or any managed policy) to a bounded app role", async () => {
    for (const policy of ["arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/IAMFullAccess", BOUNDARY]) {
      expect(await asDeployRole({ action: "iam:AttachRolePolicy", resource: APP_ROLE, context: { ...withBoundary(BOUNDARY), "iam:PolicyARN": policy } })).not.toBe("Allowed");
    }
  });

  it("cannot remove the boundary from an app role or replace it with another policy", async () => {
    expect(await asDeployRole({ action: "iam:DeleteRolePermissionsBoundary", resource: APP_ROLE, context: withBoundary(BOUNDARY) })).toBe("ExplicitlyDenied");
    expect(await asDeployRole({ action: "iam:PutRolePermissionsBoundary", resource: APP_ROLE, context: withBoundary("arn:aws:iam::aws:policy/AdministratorAccess") })).toBe("ExplicitlyDenied");
  });

  it("cannot edit, replace or delete the boundary policy", async () => {
    for (const action of ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:DeletePolicyVersion", "iam:DeletePolicy"]) {
      expect(await asDeployRole({ action, resource: BOUNDARY })).toBe("ExplicitlyDenied");
    }
  });

  it("changes trust and policies only of the app's own roles, never of the roles outside the app's prefix", async () => {
    expect(await asDeployRole({ action: "iam:UpdateAssumeRolePolicy", resource: APP_ROLE })).toBe("Allowed");
    expect(await asDeployRole({ action: "iam:PutRolePolicy", resource: APP_ROLE, context: withBoundary(BOUNDARY) })).toBe("Allowed");
    for (const role of ["deploy-prod", "drift-prod", "OrganizationAccountAccessRole", "acme-stage-api", "someone-else"]) {
      const resource = `arn:aws:iam::${PROD}:role/${role}`;
      expect(await asDeployRole({ action: "iam:UpdateAssumeRolePolicy", resource }), role).not.toBe("Allowed");
      expect(await asDeployRole({ action: "iam:PutRolePolicy", resource, context: withBoundary(BOUNDARY) }), role).not.toBe("Allowed");
    }
  });

  it("passes the app's roles to Lambda only", async () => {
    expect(await asDeployRole({ action: "iam:PassRole", resource: APP_ROLE, context: { "iam:PassedToService": "lambda.amazonaws.com" } })).toBe("Allowed");
    for (const service of ["ec2.amazonaws.com", "codebuild.amazonaws.com", "cloudformation.amazonaws.com"]) {
      expect(await asDeployRole({ action: "iam:PassRole", resource: APP_ROLE, context: { "iam:PassedToService": service } }), service).not.toBe("Allowed");
    }
  });

  it("manages the app's own table and function, and reads no items nor another environment's resources", async () => {
    const table = `arn:aws:dynamodb:eu-west-1:${PROD}:table/acme-prod-items`;
    expect(await asDeployRole({ action: "dynamodb:CreateTable", resource: table })).toBe("Allowed");
    expect(await asDeployRole({ action: "lambda:UpdateFunctionCode", resource: `arn:aws:lambda:eu-west-1:${PROD}:function:acme-prod-api` })).toBe("Allowed");
    for (const action of ["dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:ExportTableToPointInTime"]) {
      expect(await asDeployRole({ action, resource: table }), action).not.toBe("Allowed");
    }
    expect(await asDeployRole({ action: "dynamodb:UpdateTable", resource: `arn:aws:dynamodb:eu-west-1:${PROD}:table/someone-elses` })).not.toBe("Allowed");
    expect(await asDeployRole({ action: "lambda:UpdateFunctionCode", resource: `arn:aws:lambda:eu-west-1:${PROD}:function:other-function` })).not.toBe("Allowed");
  });
});

describe("a role under the app boundary", () => {
  const asBoundedRole = (policies: Pick<IamPolicies, "identity">, action: string, resource: string) => decide({ principal: APP_ROLE, action, resource }, { ...policies, boundary, scps: prodScps });
  const everything = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

  it("can do no more than the app needs, whatever policy a deploy wrote into it", async () => {
    expect(await asBoundedRole({ identity: [everything] }, "dynamodb:GetItem", `arn:aws:dynamodb:eu-west-1:${PROD}:table/acme-prod-items`)).toBe("Allowed");
    for (const [action, resource] of [
      ["iam:CreateRole", `arn:aws:iam::${PROD}:role/x`],
      ["iam:AttachRolePolicy", APP_ROLE],
      ["sts:AssumeRole", `arn:aws:iam::${PROD}:role/OrganizationAccountAccessRole`],
      ["s3:GetObject", "arn:aws:s3:::acme-terraform-state/app-prod/terraform.tfstate"],
      ["dynamodb:GetItem", `arn:aws:dynamodb:eu-west-1:${PROD}:table/acme-stage-items`],
    ] as const) {
      expect(await asBoundedRole({ identity: [everything] }, action, resource), action).not.toBe("Allowed");
    }
  });

  it("allows everything the app's own function role asks for", async () => {
    const roles = Object.values(resourcesOfType(prodApp, "aws_iam_role"));
    expect(roles.map((r) => r.permissions_boundary)).toEqual([BOUNDARY]);
    const inline = Object.values(resourcesOfType(prodApp, "aws_iam_role_policy")).map((p) => JSON.parse(p.policy as string) as Json);
    expect(inline.length).toBeGreaterThan(0);
    const tableArn = `arn:aws:dynamodb:eu-west-1:${PROD}:table/acme-prod-items`;
    for (const policy of inline) {
      for (const statement of policy.Statement as Json[]) {
        // The table's ARN is a Terraform reference at synth time; it is the prefix-named table.
        const resources = ([] as string[]).concat(statement.Resource).map((r) => (r.startsWith("${") ? tableArn : r.replace(/:\*$/, ":log-stream:x")));
        for (const action of [].concat(statement.Action)) {
          for (const resource of resources) expect(await asBoundedRole({ identity: [policy] }, action, resource), `${action} on ${resource}`).toBe("Allowed");
        }
      }
    }
  });
});
