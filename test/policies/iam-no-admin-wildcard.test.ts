import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { describe, expect, it } from "vitest";
import { policyDocument, policyJson, type PolicyStatement } from "../../stacks/policy-document.ts";
import { synthErrors, type PolicyTestStack } from "./helpers.ts";

const trust = policyJson(policyDocument({ Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole" }));

function roleWithPolicy(s: PolicyTestStack, statement: PolicyStatement): IamRole {
  const role = new IamRole(s, "builder", { name: "builder", assumeRolePolicy: trust });
  const policy = new IamPolicy(s, "builder-policy", { name: "builder", policy: policyJson(policyDocument(statement)) });
  new IamRolePolicyAttachment(s, "builder-attachment", { role: role.name, policyArn: policy.arn });
  return role;
}

describe("iam-no-admin-wildcard", () => {
  it("passes a policy that grants named actions on named resources", () => {
    expect(synthErrors((s) => roleWithPolicy(s, { Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::acme-artifacts/*" }))).toEqual([]);
  });

  it("fails a policy allowing *:* and a role given AdministratorAccess", () => {
    expect(
      synthErrors((s) => {
        roleWithPolicy(s, { Sid: "Everything", Effect: "Allow", Action: "*", Resource: "*" });
        new IamRole(s, "admin", { name: "admin", assumeRolePolicy: trust, managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] });
      }),
    ).toEqual([
      '[test/builder-policy] [iam-no-admin-wildcard] aws_iam_policy.builder-policy: its policy allows every action on every resource in statement "Everything" (grant only the actions and resources it needs)',
      "[test/admin] [iam-no-admin-wildcard] aws_iam_role.admin: attaches AdministratorAccess (grant only the actions and resources it needs)",
    ]);
  });

  it("fails the other shapes of administrator access: NotAction, iam:* on everything, * with NotResource, * on arn:*, IAMFullAccess", () => {
    const fails = (statement: PolicyStatement) => synthErrors((s) => roleWithPolicy(s, { Sid: "Broad", ...statement }));
    const message = (what: string) =>
      `[test/builder-policy] [iam-no-admin-wildcard] aws_iam_policy.builder-policy: its policy ${what} in statement "Broad" (grant only the actions and resources it needs)`;
    expect(fails({ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" })).toEqual([message("allows every action but those under NotAction")]);
    expect(fails({ Effect: "Allow", Action: "iam:*", Resource: "*" })).toEqual([message("allows every IAM action on every IAM resource, which lets it grant itself anything")]);
    expect(fails({ Effect: "Allow", Action: "iam:*", Resource: "arn:aws:iam::*:*" })).toEqual([message("allows every IAM action on every IAM resource, which lets it grant itself anything")]);
    expect(fails({ Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::acme-state/*" })).toEqual([message("allows every action on every resource but those under NotResource")]);
    expect(fails({ Effect: "Allow", Action: "*", Resource: "arn:*" })).toEqual([message("allows every action on every resource")]);
    expect(fails({ Effect: "Allow", Action: "*:*", Resource: "arn:aws:*:*:*:*" })).toEqual([message("allows every action on every resource")]);
    expect(synthErrors((s) => new IamRole(s, "admin", { name: "admin", assumeRolePolicy: trust, managedPolicyArns: ["arn:aws:iam::aws:policy/IAMFullAccess"] }))).toEqual([
      "[test/admin] [iam-no-admin-wildcard] aws_iam_role.admin: attaches IAMFullAccess (grant only the actions and resources it needs)",
    ]);
  });

  it("passes narrow IAM grants and a Deny with NotAction", () => {
    expect(synthErrors((s) => roleWithPolicy(s, { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::111111111111:role/app-function" }))).toEqual([]);
    expect(synthErrors((s) => roleWithPolicy(s, { Effect: "Deny", NotAction: "s3:GetObject", Resource: "*" }))).toEqual([]);
  });
});
