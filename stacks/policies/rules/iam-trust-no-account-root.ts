import { conditionValues, parsePolicy } from "../engine/iam-json.ts";
import { statementLabel, TRUST_POLICY_TYPES } from "../engine/iam-roles.ts";
import type { PolicyRule } from "../engine/rule.ts";

const ACCOUNT_ROOT = /^(arn:aws[a-z-]*:iam::([0-9]{12}|\$\{[^}]+\}):root|[0-9]{12})$/;
const PRINCIPAL_ARN_OPERATORS = ["ArnEquals", "ArnLike", "StringEquals", "StringLike"];
/** One role: arn:aws:iam::<id>:role/<name>, the id possibly a reference, and no wildcard anywhere. */
const EXACT_ROLE_ARN = /^arn:aws[a-z-]*:iam::([0-9]{12}|\$\{[^}]+\}):role\/[^*?]+$/;

/**
 * Roles trust exact role ARNs, not a whole account: trusting `:root`
 * delegates the decision to every administrator of that account. A
 * statement that pins aws:PrincipalArn to exact role ARNs is as narrow as a
 * role ARN; a pattern (role/*, *) is not.
 */
export const iamTrustNoAccountRoot: PolicyRule = {
  id: "iam-trust-no-account-root",
  description: "No role's trust policy trusts a whole account (its :root or bare account id) unless the statement pins aws:PrincipalArn to exact role ARNs; trust exact role ARNs.",
  resourceTypes: TRUST_POLICY_TYPES,
  check(role) {
    const parsed = parsePolicy(role.config.assume_role_policy);
    // An unreadable trust policy is reported by iam-trust-no-wildcard; reporting it twice helps nobody.
    if ("error" in parsed) return undefined;
    for (const [index, s] of parsed.statements.entries()) {
      if (s.effect !== "Allow") continue;
      const roots = s.principals.aws.filter((p) => ACCOUNT_ROOT.test(p));
      if (roots.length === 0) continue;
      const pinned = conditionValues(s, PRINCIPAL_ARN_OPERATORS, (k) => k === "aws:principalarn");
      const loose = pinned.find((arn) => !EXACT_ROLE_ARN.test(arn));
      if (pinned.length > 0 && loose === undefined) continue;
      if (loose !== undefined) {
        return `its trust policy trusts the whole account ${roots[0]} in ${statementLabel(s.sid, index)} and pins aws:PrincipalArn only to "${loose}", which is not one role (pin exact role ARNs without wildcards, or trust the role itself: roleArn(accountId, roleName) from naming/names.ts)`;
      }
      return `its trust policy trusts the whole account ${roots[0]} in ${statementLabel(s.sid, index)} (trust the exact role instead: roleArn(accountId, roleName) from naming/names.ts)`;
    }
    return undefined;
  },
};
