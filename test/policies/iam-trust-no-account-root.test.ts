import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { describe, expect, it } from "vitest";
import { policyDocument, policyJson, type PolicyStatement } from "../../stacks/policy-document.ts";
import { synthErrors, type PolicyTestStack } from "./helpers.ts";

const role = (s: PolicyTestStack, statement: Partial<PolicyStatement>) =>
  new IamRole(s, "deployer", {
    name: "deployer",
    assumeRolePolicy: policyJson(policyDocument({ Sid: "Pipeline", Effect: "Allow", Action: "sts:AssumeRole", ...statement })),
  });

describe("iam-trust-no-account-root", () => {
  it("passes a role trusting one role ARN, and one trusting an account but pinned to a principal ARN", () => {
    expect(synthErrors((s) => role(s, { Principal: { AWS: "arn:aws:iam::555555555555:role/pipeline-dev" } }))).toEqual([]);
    expect(
      synthErrors((s) => role(s, { Principal: { AWS: "arn:aws:iam::555555555555:root" }, Condition: { ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::555555555555:role/pipeline-dev" } } })),
    ).toEqual([]);
  });

  it("fails a role trusting a whole account, by root ARN or bare account id", () => {
    const expected = (who: string) =>
      `[test/deployer] [iam-trust-no-account-root] aws_iam_role.deployer: its trust policy trusts the whole account ${who} in statement "Pipeline" (trust the exact role instead: roleArn(accountId, roleName) from naming/names.ts)`;
    expect(synthErrors((s) => role(s, { Principal: { AWS: "arn:aws:iam::555555555555:root" } }))).toEqual([expected("arn:aws:iam::555555555555:root")]);
    expect(synthErrors((s) => role(s, { Principal: { AWS: "555555555555" } }))).toEqual([expected("555555555555")]);
  });

  it("fails a whole-account trust whose aws:PrincipalArn pin is a pattern, not one role", () => {
    const pinned = (operator: string, value: string) => synthErrors((s) => role(s, { Principal: { AWS: "arn:aws:iam::555555555555:root" }, Condition: { [operator]: { "aws:PrincipalArn": value } } }));
    const expected = (value: string) =>
      `[test/deployer] [iam-trust-no-account-root] aws_iam_role.deployer: its trust policy trusts the whole account arn:aws:iam::555555555555:root in statement "Pipeline" and pins aws:PrincipalArn only to "${value}", which is not one role (pin exact role ARNs without wildcards, or trust the role itself: roleArn(accountId, roleName) from naming/names.ts)`;
    expect(pinned("ArnLike", "arn:aws:iam::555555555555:role/*")).toEqual([expected("arn:aws:iam::555555555555:role/*")]);
    expect(pinned("StringLike", "*")).toEqual([expected("*")]);
    expect(pinned("ArnEquals", "arn:aws:iam::555555555555:user/alice")).toEqual([expected("arn:aws:iam::555555555555:user/alice")]);
  });

  it("passes a Deny naming a whole account, and fails a pin on a key other than aws:PrincipalArn", () => {
    expect(synthErrors((s) => role(s, { Effect: "Deny", Principal: { AWS: "arn:aws:iam::555555555555:root" } }))).toEqual([]);
    // aws:SourceArn names the resource a request came through, not who makes it
    expect(synthErrors((s) => role(s, { Principal: { AWS: "arn:aws:iam::555555555555:root" }, Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:iam::555555555555:role/pipeline-dev" } } }))).toEqual(
      [
        '[test/deployer] [iam-trust-no-account-root] aws_iam_role.deployer: its trust policy trusts the whole account arn:aws:iam::555555555555:root in statement "Pipeline" (trust the exact role instead: roleArn(accountId, roleName) from naming/names.ts)',
      ],
    );
  });
});
