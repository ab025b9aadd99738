import { isEveryAction, LITERAL_POLICY_HINT, parsePolicy } from "../engine/iam-json.ts";
import { identityPolicies, statementLabel } from "../engine/iam-roles.ts";
import { strings, type PolicyRule } from "../engine/rule.ts";

const ADMINISTRATOR_ACCESS = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;
const ATTACHMENTS = ["aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment"];

/** No IAM policy allows every action on every resource (`*:*`), inline, managed or attached. */
export const iamNoAdminWildcard: PolicyRule = {
  id: "iam-no-admin-wildcard",
  description:
    'No IAM policy allows "*" actions on "*" resources, and no role, user or group gets AdministratorAccess; policies are literal JSON so this can be checked.',
  resourceTypes: ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", ...ATTACHMENTS],
  check(resource) {
    const fix = "grant only the actions and resources it needs";
    const arns = ATTACHMENTS.includes(resource.type) ? strings(resource.config.policy_arn) : strings(resource.config.managed_policy_arns);
    if (arns.some((a) => ADMINISTRATOR_ACCESS.test(a))) return `attaches AdministratorAccess (${fix})`;
    for (const { label, text } of identityPolicies(resource)) {
      const parsed = parsePolicy(text);
      if ("error" in parsed) return `its ${label} ${parsed.error}, so it cannot be checked (${LITERAL_POLICY_HINT})`;
      const index = parsed.statements.findIndex((s) => s.effect === "Allow" && s.actions.some(isEveryAction) && s.resources.includes("*"));
      if (index >= 0) {
        return `its ${label} allows every action on every resource in ${statementLabel(parsed.statements[index]!.sid, index)} (${fix})`;
      }
    }
    return undefined;
  },
};
