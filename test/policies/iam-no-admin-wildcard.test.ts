import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { describe, expect, it } from "vitest";
import { parsePolicy, type Statement } from "../../stacks/policies/engine/iam-json.ts";
import { adminGrant, isEveryResource } from "../../stacks/policies/rules/iam-no-admin-wildcard.ts";
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

/** The statement as the rule sees it, parsed from the JSON a stack would synthesize. */
function parsed(statement: PolicyStatement): Statement {
  const result = parsePolicy(policyJson(policyDocument(statement)));
  if ("error" in result) throw new Error(result.error);
  return result.statements[0]!;
}

describe("iam-no-admin-wildcard: which resources are every resource", () => {
  // A wrong answer either lets an administrator grant through (false for a
  // pattern that matches everything) or refuses a narrow grant (true for one that does not).
  it.each([
    ["*", true],
    ["arn:*", true],
    ["arn:aws:*", true],
    ["arn:aws:*:*:*:*", true],
    ["arn:aws:*:::", true],
    ["arn:aws-cn:*:*:*:*", true],
    ["arn:aws-us-gov:*", true],
    ["arn:*:*:*:*:*", true],
    // empty segments count as wildcards: the safe side, refusing a pattern that may match everything
    ["arn:*:*:::*", true],
    ["arn:a*:*", true],
    ["arn:aws", false],
    ["arn:aws:::", false],
    ["arn:aws:s3:::*", false],
    ["arn:aws:*:*:*:bucket", false],
    ["arn:*:s3:::bucket", false],
    ["arn:a*:s3:::bucket", false],
    ["arn:xaws:*", false],
    ["arn:aws1:*", false],
    ["notarn:*", false],
    ["arn", false],
    ["arn:aws:s3:::acme-artifacts/*", false],
  ])("%s: %s", (resource, every) => {
    expect(isEveryResource(resource)).toBe(every);
  });
});

describe("iam-no-admin-wildcard: which Allow statements are administrator access", () => {
  const EVERYTHING = "allows every action on every resource";
  const ALL_IAM = "allows every IAM action on every IAM resource, which lets it grant itself anything";
  it.each<[string, PolicyStatement, string | undefined]>([
    ["every action among others, on every resource among others", { Effect: "Allow", Action: ["s3:GetObject", "*"], Resource: ["arn:aws:s3:::b/*", "*"] }, EVERYTHING],
    ["*:* on arn:*", { Effect: "Allow", Action: "*:*", Resource: "arn:*" }, EVERYTHING],
    ["every action on one bucket", { Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b/*" }, undefined],
    ["every action but on a few resources", { Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::state/*" }, "allows every action on every resource but those under NotResource"],
    ["named actions but on a few resources", { Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::state/*" }, undefined],
    ["iam:* among others on every IAM resource of every account", { Effect: "Allow", Action: ["s3:GetObject", "iam:*"], Resource: ["arn:aws:s3:::b/*", "arn:aws:iam::*:*"] }, ALL_IAM],
    ["IAM:* on every IAM resource of one account", { Effect: "Allow", Action: "IAM:*", Resource: "arn:aws:iam::111111111111:*" }, ALL_IAM],
    ["iam:* in another partition", { Effect: "Allow", Action: "iam:*", Resource: "arn:aws-cn:iam::*:*" }, ALL_IAM],
    ["iam:* on any partition's IAM", { Effect: "Allow", Action: "iam:*", Resource: "arn:*:iam::*:*" }, ALL_IAM],
    ["iam:* on every resource", { Effect: "Allow", Action: "iam:*", Resource: "*" }, ALL_IAM],
    ["iam:* on the roles only", { Effect: "Allow", Action: "iam:*", Resource: "arn:aws:iam::*:role/*" }, undefined],
    ["iam:* on an IAM-looking pattern with more after it", { Effect: "Allow", Action: "iam:*", Resource: "arn:aws:iam::*:*/x" }, undefined],
    ["iam:* on a pattern that is not an ARN", { Effect: "Allow", Action: "iam:*", Resource: "xarn:aws:iam::*:*" }, undefined],
    ["iam:* on another service", { Effect: "Allow", Action: "iam:*", Resource: "arn:aws:s3:::*" }, undefined],
    ["iam:PassRole on every IAM resource", { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::*:*" }, undefined],
    ["a Deny of everything", { Effect: "Deny", Action: "*", Resource: "*" }, undefined],
  ])("%s", (_name, statement, grant) => {
    expect(adminGrant(parsed(statement))).toBe(grant);
  });
});

describe("iam-no-admin-wildcard: a policy it cannot read", () => {
  it("fails an inline role policy that is not literal JSON, saying how to make it checkable", () => {
    expect(synthErrors((s) => new IamPolicy(s, "builder-policy", { name: "builder", policy: "{not json" }))).toEqual([
      "[test/builder-policy] [iam-no-admin-wildcard] aws_iam_policy.builder-policy: its policy is not literal JSON, so it cannot be checked (build it as literal JSON with policyDocument() from stacks/policy-document.ts so it can be checked at synth time)",
    ]);
  });
});
