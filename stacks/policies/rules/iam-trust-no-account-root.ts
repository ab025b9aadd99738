import { conditionValues, parsePolicy } from "../engine/iam-json.ts";
import { statementLabel, TRUST_POLICY_TYPES } from "../engine/iam-roles.ts";
import type { PolicyRule } from "../engine/rule.ts";

const ACCOUNT_ROOT = /^(arn:aws[a-z-]*:iam::([0-9]{12}|\$\{[^}]+\}):root|[0-9]{12})$/;
const PRINCIPAL_ARN_OPERATORS = ["ArnEquals", "ArnLike", "StringEquals", "StringLike"];

/**
 * Roles trust exact role ARNs, not a whole account: trusting `:root`
 * delegates the decision to every administrator of that account. A
 * statement that pins aws:PrincipalArn is as narrow as a role ARN.
 */
export const iamTrustNoAccountRoot: PolicyRule = {
  id: "iam-trust-no-account-root",
  description: "No role's trust policy trusts a whole account (its :root or bare account id) unless the statement pins aws:PrincipalArn; trust exact role ARNs.",
  resourceTypes: TRUST_POLICY_TYPES,
  check(role) {
    const parsed = parsePolicy(role.config.assume_role_policy);
    // An unreadable trust policy is reported by iam-trust-no-wildcard; reporting it twice helps nobody.
    if ("error" in parsed) return undefined;
    for (const [index, s] of parsed.statements.entries()) {
      if (s.effect !== "Allow") continue;
      const roots = s.principals.aws.filter((p) => ACCOUNT_ROOT.test(p));
      if (roots.length === 0) continue;
      if (conditionValues(s, PRINCIPAL_ARN_OPERATORS, (k) => k === "aws:principalarn").length > 0) continue;
      return `its trust policy trusts the whole account ${roots[0]} in ${statementLabel(s.sid, index)} (trust the exact role instead: roleArn(accountId, roleName) from stacks/naming.ts)`;
    }
    return undefined;
  },
};
