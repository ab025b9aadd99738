import { conditionValues, parsePolicy, type Statement } from "../engine/iam-json.ts";
import { statementLabel, TRUST_POLICY_TYPES } from "../engine/iam-roles.ts";
import type { PolicyRule } from "../engine/rule.ts";

const EXACT = ["StringEquals", "ForAnyValue:StringEquals"];
const PATTERN = ["StringLike", "ForAnyValue:StringLike"];

/**
 * A statement trusting an OIDC provider, whatever its Action says: keyed on
 * the federated principal, because sts:AssumeRoleWith*, sts:* or * grant web
 * identity just as well as the exact action does. SAML providers have their
 * own keys and are not this rule's.
 */
function isWebIdentity(s: Statement): boolean {
  return s.effect === "Allow" && s.principals.federated.some((f) => !f.includes(":saml-provider/"));
}

/**
 * A `sub` pattern names at least an owner: the text before its first
 * wildcard holds two complete segments (`repo:acme/...`). `repo:*` would let
 * any repository on the identity provider assume the role.
 */
export function isNarrowSubject(pattern: string): boolean {
  const prefix = pattern.split(/[*?]/)[0]!;
  const pieces = prefix.split(/[:/]/);
  return pieces.slice(0, -1).filter((p) => p !== "").length >= 2;
}

/** Roles assumed through OIDC check the token's audience and subject. */
export const iamOidcTrust: PolicyRule = {
  id: "iam-oidc-trust",
  description: "Roles trusted through an OIDC provider require the token's aud exactly and its sub exactly or by a pattern that names at least the owner (repo:acme/...).",
  resourceTypes: TRUST_POLICY_TYPES,
  check(role) {
    const parsed = parsePolicy(role.config.assume_role_policy);
    if ("error" in parsed) return undefined; // reported by iam-trust-no-wildcard
    for (const [index, s] of parsed.statements.entries()) {
      if (!isWebIdentity(s)) continue;
      const where = statementLabel(s.sid, index);
      const audiences = conditionValues(s, EXACT, (k) => k.endsWith(":aud"));
      if (audiences.length === 0) {
        return `its OIDC trust in ${where} does not check the token's audience (add StringEquals "<provider>:aud": "sts.amazonaws.com")`;
      }
      const exact = conditionValues(s, EXACT, (k) => k.endsWith(":sub"));
      const patterns = conditionValues(s, PATTERN, (k) => k.endsWith(":sub"));
      if (exact.length === 0 && patterns.length === 0) {
        return `its OIDC trust in ${where} does not check the token's subject, so any identity of the provider can assume it (add StringEquals or StringLike "<provider>:sub", e.g. "repo:<owner>/<repo>:ref:refs/heads/main")`;
      }
      const broad = patterns.find((p) => !isNarrowSubject(p));
      if (broad !== undefined) {
        return `its OIDC trust in ${where} accepts the subject pattern "${broad}", which does not name an owner (narrow it to "repo:<owner>/<repo>:...")`;
      }
    }
    return undefined;
  },
};
