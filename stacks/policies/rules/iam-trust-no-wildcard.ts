import { LITERAL_POLICY_HINT, parsePolicy } from "../engine/iam-json.ts";
import { statementLabel, TRUST_POLICY_TYPES } from "../engine/iam-roles.ts";
import type { PolicyRule } from "../engine/rule.ts";

/** No role trusts any principal ("Principal": "*"). */
export const iamTrustNoWildcard: PolicyRule = {
  id: "iam-trust-no-wildcard",
  description: 'No role\'s trust policy allows "*" (anyone) to assume it; trust policies are literal JSON so this can be checked.',
  resourceTypes: TRUST_POLICY_TYPES,
  check(role) {
    const parsed = parsePolicy(role.config.assume_role_policy);
    if ("error" in parsed) return `its trust policy ${parsed.error}, so it cannot be checked (${LITERAL_POLICY_HINT})`;
    const index = parsed.statements.findIndex((s) => s.effect === "Allow" && s.principals.anyone);
    if (index < 0) return undefined;
    return `its trust policy lets any principal assume it in ${statementLabel(parsed.statements[index]!.sid, index)} (name the exact role ARNs or services that may assume it)`;
  },
};
