import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { describe, expect, it } from "vitest";
import { policyDocument, policyJson, type PolicyStatement } from "../../stacks/policy-document.ts";
import { isNarrowSubject } from "../../stacks/policies/rules/iam-oidc-trust.ts";
import { synthErrors, type PolicyTestStack } from "./helpers.ts";

const GITHUB = "token.actions.githubusercontent.com";

function githubRole(s: PolicyTestStack, condition: PolicyStatement["Condition"], action = "sts:AssumeRoleWithWebIdentity"): IamRole {
  const github = new IamOpenidConnectProvider(s, "github", { url: `https://${GITHUB}`, clientIdList: ["sts.amazonaws.com"] });
  return new IamRole(s, "deploy", {
    name: "deploy",
    assumeRolePolicy: policyJson(policyDocument({ Sid: "GitHubActions", Effect: "Allow", Principal: { Federated: github.arn }, Action: action, Condition: condition })),
  });
}

describe("iam-oidc-trust", () => {
  it("passes a role requiring the audience and an exact subject or a subject pattern within one repository", () => {
    expect(synthErrors((s) => githubRole(s, { StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com", [`${GITHUB}:sub`]: "repo:acme/app:ref:refs/heads/main" } }))).toEqual([]);
    expect(synthErrors((s) => githubRole(s, { StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${GITHUB}:sub`]: "repo:acme/app:*" } }))).toEqual([]);
  });

  it("fails a role accepting any repository, and one not checking the audience", () => {
    expect(synthErrors((s) => githubRole(s, { StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${GITHUB}:sub`]: "repo:*" } }))).toEqual([
      '[test/deploy] [iam-oidc-trust] aws_iam_role.deploy: its OIDC trust in statement "GitHubActions" accepts the subject pattern "repo:*", which does not name an owner (narrow it to "repo:<owner>/<repo>:...")',
    ]);
    expect(synthErrors((s) => githubRole(s, { StringLike: { [`${GITHUB}:sub`]: "repo:acme/app:*" } }))).toEqual([
      '[test/deploy] [iam-oidc-trust] aws_iam_role.deploy: its OIDC trust in statement "GitHubActions" does not check the token\'s audience (add StringEquals "<provider>:aud": "sts.amazonaws.com")',
    ]);
  });

  it("counts a subject pattern as narrow only when it names an owner before its first wildcard", () => {
    expect(["repo:acme/app:*", "repo:acme/*", "repo:acme/app-*:ref:refs/heads/main", "organization:acme:project:*"].filter(isNarrowSubject)).toHaveLength(4);
    expect(["*", "repo:*", "repo:a*", "*:acme/app"].filter(isNarrowSubject)).toEqual([]);
  });

  it("judges every statement trusting the provider, whatever its Action: sts:* or * grant web identity too", () => {
    for (const action of ["sts:*", "*", "sts:AssumeRoleWith*"]) {
      expect(
        synthErrors((s) => githubRole(s, { StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com" } }, action)),
        action,
      ).toEqual([
        `[test/deploy] [iam-oidc-trust] aws_iam_role.deploy: its OIDC trust in statement "GitHubActions" does not check the token's subject, so any identity of the provider can assume it (add StringEquals or StringLike "<provider>:sub", e.g. "repo:<owner>/<repo>:ref:refs/heads/main")`,
      ]);
    }
  });

  it("fails an audience that is checked, but only by a pattern", () => {
    expect(synthErrors((s) => githubRole(s, { StringLike: { [`${GITHUB}:aud`]: "*", [`${GITHUB}:sub`]: "repo:acme/app:*" } }))).toEqual([
      '[test/deploy] [iam-oidc-trust] aws_iam_role.deploy: its OIDC trust in statement "GitHubActions" does not check the token\'s audience (add StringEquals "<provider>:aud": "sts.amazonaws.com")',
    ]);
  });

  it("passes a Deny naming the provider: only an Allow lets a token in", () => {
    expect(
      synthErrors((s) => {
        const github = new IamOpenidConnectProvider(s, "github", { url: `https://${GITHUB}`, clientIdList: ["sts.amazonaws.com"] });
        new IamRole(s, "deploy", {
          name: "deploy",
          assumeRolePolicy: policyJson(
            policyDocument(
              { Effect: "Allow", Principal: { AWS: "arn:aws:iam::555555555555:role/pipeline-dev" }, Action: "sts:AssumeRole" },
              { Effect: "Deny", Principal: { Federated: github.arn }, Action: "sts:AssumeRoleWithWebIdentity" },
            ),
          ),
        });
      }),
    ).toEqual([]);
  });

  it("reads the audience and the subject from their own keys, not from the other claims", () => {
    // an exact subject is not an audience check
    expect(synthErrors((s) => githubRole(s, { StringEquals: { [`${GITHUB}:sub`]: "repo:acme/app:ref:refs/heads/main" } }))).toEqual([
      '[test/deploy] [iam-oidc-trust] aws_iam_role.deploy: its OIDC trust in statement "GitHubActions" does not check the token\'s audience (add StringEquals "<provider>:aud": "sts.amazonaws.com")',
    ]);
    // a pattern on another claim does not widen an exact subject
    expect(
      synthErrors((s) => githubRole(s, { StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com", [`${GITHUB}:sub`]: "repo:acme/app:ref:refs/heads/main" }, StringLike: { [`${GITHUB}:actor`]: "*" } })),
    ).toEqual([]);
  });

  it("does not count empty segments as naming an owner", () => {
    expect(["repo::*", "repo//app*", "::*"].filter(isNarrowSubject)).toEqual([]);
  });
});
