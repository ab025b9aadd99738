import { isEveryAction, LITERAL_POLICY_HINT, parsePolicy, type Statement } from "../engine/iam-json.ts";
import { identityPolicies, statementLabel } from "../engine/iam-roles.ts";
import { strings, type PolicyRule } from "../engine/rule.ts";

/** AWS managed policies that amount to administrator access: everything, or IAM itself (which grants everything). */
const ADMIN_MANAGED_POLICIES = /^arn:aws[a-z-]*:iam::aws:policy\/(AdministratorAccess|IAMFullAccess)$/;
const ATTACHMENTS = ["aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment"];

/** `*`, or an ARN pattern with nothing but wildcards after its partition (`arn:*`, `arn:aws:*:*:*:*`). */
export function isEveryResource(resource: string): boolean {
  if (resource === "*") return true;
  const [arn, partition, ...rest] = resource.split(":");
  if (arn !== "arn" || partition === undefined) return false;
  if (partition.endsWith("*")) return rest.every((p) => p === "*" || p === "");
  return /^aws[a-z-]*$/.test(partition) && rest.every((p) => p === "*" || p === "") && rest.includes("*");
}

/** Every IAM resource of an account or of all of them (`arn:aws:iam::*:*`). */
function isEveryIamResource(resource: string): boolean {
  return isEveryResource(resource) || /^arn:(\*|aws[a-z-]*):iam::[^:]*:\*$/.test(resource);
}

/** What makes an Allow statement administrator access, or undefined. */
export function adminGrant(s: Statement): string | undefined {
  if (s.effect !== "Allow") return undefined;
  // "everything but these few actions" still grants every other action, including ones AWS adds later
  if (s.notActions.length > 0) return "allows every action but those under NotAction";
  const everyAction = s.actions.some(isEveryAction);
  if (everyAction && (s.resources.some(isEveryResource) || s.notResources.length > 0)) {
    return s.notResources.length > 0 ? "allows every action on every resource but those under NotResource" : "allows every action on every resource";
  }
  if (s.actions.some((a) => a.toLowerCase() === "iam:*") && s.resources.some(isEveryIamResource)) {
    return "allows every IAM action on every IAM resource, which lets it grant itself anything";
  }
  return undefined;
}

/**
 * No IAM policy grants administrator access: `*` on `*` (or `arn:*`), an
 * Allow with NotAction, `*` with NotResource, `iam:*` on every IAM resource,
 * or the AdministratorAccess/IAMFullAccess managed policies.
 */
export const iamNoAdminWildcard: PolicyRule = {
  id: "iam-no-admin-wildcard",
  description:
    'No IAM policy grants administrator access ("*" on "*" or arn:*, an Allow with NotAction, "*" with NotResource, iam:* on every IAM resource), and no role, user or group gets AdministratorAccess or IAMFullAccess; policies are literal JSON so this can be checked.',
  resourceTypes: ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", ...ATTACHMENTS],
  check(resource) {
    const fix = "grant only the actions and resources it needs";
    const arns = ATTACHMENTS.includes(resource.type) ? strings(resource.config.policy_arn) : strings(resource.config.managed_policy_arns);
    const managed = arns.map((a) => ADMIN_MANAGED_POLICIES.exec(a)?.[1]).find((name) => name !== undefined);
    if (managed !== undefined) return `attaches ${managed} (${fix})`;
    for (const { label, text } of identityPolicies(resource)) {
      const parsed = parsePolicy(text);
      if ("error" in parsed) return `its ${label} ${parsed.error}, so it cannot be checked (${LITERAL_POLICY_HINT})`;
      for (const [index, s] of parsed.statements.entries()) {
        const grant = adminGrant(s);
        if (grant !== undefined) return `its ${label} ${grant} in ${statementLabel(s.sid, index)} (${fix})`;
      }
    }
    return undefined;
  },
};
