/**
 * Who the guardrails protect and who they exempt, derived from config in one
 * place so every guardrail names the same roles the same way.
 */
import type { OrgConfig } from "../../config/model.ts";
import type { PolicyStatement } from "../../stacks/policy-document.ts";
import { deployRoleName, driftRoleName } from "../../naming/names.ts";

/** A role in any account of the organization: SCPs are written once for many accounts. */
export function anyAccountRoleArn(roleName: string): string {
  return `arn:aws:iam::*:role/${roleName}`;
}

/**
 * The ARNs a role of this name can have in any account: IAM role names are
 * unique per account whatever the path, so a role created as
 * role/<path>/<name> would take the name. Protect both; exempt only the first.
 */
export function anyAccountRoleNamePatterns(roleName: string): string[] {
  return [anyAccountRoleArn(roleName), `arn:aws:iam::*:role/*/${roleName}`];
}

/** The break-glass role (config.guardrails.break_glass_role) as resources to protect: every path for a name, the ARN itself for an ARN. */
export function breakGlassResources(role: string): string[] {
  return role.startsWith("arn:") ? [role] : anyAccountRoleNamePatterns(role);
}

/** config.guardrails.break_glass_role as an ARN pattern (a plain name matches that role in every account). */
export function breakGlassArns(config: OrgConfig): string[] {
  const role = config.guardrails.breakGlassRole;
  if (role === undefined) return [];
  return [role.startsWith("arn:") ? role : anyAccountRoleArn(role)];
}

/** The roles the stacks assume in each account (OrganizationAccountAccessRole, or e.g. LegacyAdmin for an invited account). */
export function adminRoleNames(config: OrgConfig): string[] {
  return unique(config.accounts.map((a) => a.adminRoleName));
}

/** The roles the pipelines assume in each environment's account. */
export function deployRoleNames(config: OrgConfig): string[] {
  return config.environments.map((e) => deployRoleName(e.name));
}

/** The read-only roles the drift check assumes in each environment's account (tools/drift-role.ts). */
export function driftRoleNames(config: OrgConfig): string[] {
  return config.environments.map((e) => driftRoleName(e.name));
}

/** Leaves the listed principals out of a Deny statement; no condition (deny everyone) when the list is empty. */
export function exceptPrincipals(arns: readonly string[]): Pick<PolicyStatement, "Condition"> {
  return arns.length === 0 ? {} : { Condition: { ArnNotLike: { "aws:PrincipalARN": arns } } };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
