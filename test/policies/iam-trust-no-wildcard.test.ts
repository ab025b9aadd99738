import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Fn } from "cdktf";
import { describe, expect, it } from "vitest";
import { policyDocument, policyJson, type PolicyPrincipal } from "../../stacks/policy-document.ts";
import { synthErrors, type PolicyTestStack } from "./helpers.ts";

const role = (s: PolicyTestStack, principal: PolicyPrincipal) =>
  new IamRole(s, "deployer", { name: "deployer", assumeRolePolicy: policyJson(policyDocument({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" })) });

describe("iam-trust-no-wildcard", () => {
  it("passes a role trusted by one named role", () => {
    expect(synthErrors((s) => role(s, { AWS: "arn:aws:iam::555555555555:role/pipeline-dev" }))).toEqual([]);
  });

  it("fails a role anyone may assume", () => {
    expect(synthErrors((s) => role(s, "*"))).toEqual([
      "[test/deployer] [iam-trust-no-wildcard] aws_iam_role.deployer: its trust policy lets any principal assume it in statement 1 (name the exact role ARNs or services that may assume it)",
    ]);
  });

  it("fails a wildcard hidden in a list of named principals, and passes a Deny for anyone", () => {
    expect(synthErrors((s) => role(s, { AWS: ["arn:aws:iam::555555555555:role/pipeline-dev", "*"] }))).toEqual([
      "[test/deployer] [iam-trust-no-wildcard] aws_iam_role.deployer: its trust policy lets any principal assume it in statement 1 (name the exact role ARNs or services that may assume it)",
    ]);
    const denyAnyoneElse = policyDocument(
      { Effect: "Allow", Principal: { AWS: "arn:aws:iam::555555555555:role/pipeline-dev" }, Action: "sts:AssumeRole" },
      { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole", Condition: { Bool: { "aws:SecureTransport": "false" } } },
    );
    expect(synthErrors((s) => new IamRole(s, "deployer", { name: "deployer", assumeRolePolicy: policyJson(denyAnyoneElse) }))).toEqual([]);
  });

  it("fails a trust policy it cannot read at synth time, once: the other trust rules leave it to this one", () => {
    expect(synthErrors((s) => new IamRole(s, "deployer", { name: "deployer", assumeRolePolicy: Fn.jsonencode({ Statement: [] }) }))).toEqual([
      "[test/deployer] [iam-trust-no-wildcard] aws_iam_role.deployer: its trust policy is not literal JSON, so it cannot be checked (build it as literal JSON with policyDocument() from stacks/policy-document.ts so it can be checked at synth time)",
    ]);
  });
});
