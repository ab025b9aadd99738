/**
 * GitHub Actions' OIDC identity, for `runner: github-actions`: the provider
 * and the trust of a runner role, which requires the token's audience
 * exactly and the subject of that environment's ref (exactly for a branch,
 * as a pattern for tags).
 */
import type { GitTrigger } from "../config/model.ts";
import { refPattern } from "../config/promotion.ts";
import { policyDocument, type PolicyDocument } from "../stacks/policy-document.ts";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

/** The `sub` of a workflow run for this environment's refs: repo:OWNER/REPO:ref:refs/heads/develop, or ...:ref:refs/tags/v*. */
export function githubSubject(repository: string, trigger: GitTrigger): string {
  return `repo:${repository}:ref:${refPattern(trigger)}`;
}

export function githubOidcTrust(providerArn: string, repository: string, trigger: GitTrigger): PolicyDocument {
  const audience = { [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE };
  const subject = { [`${GITHUB_OIDC_HOST}:sub`]: githubSubject(repository, trigger) };
  return policyDocument({
    Sid: "TrustWorkflowOfThisRef",
    Effect: "Allow",
    Principal: { Federated: providerArn },
    Action: "sts:AssumeRoleWithWebIdentity",
    // A branch is one exact subject; a tag pattern needs StringLike (its * is a wildcard there).
    Condition: trigger.kind === "branch" ? { StringEquals: { ...audience, ...subject } } : { StringEquals: audience, StringLike: subject },
  });
}
