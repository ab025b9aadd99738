/**
 * The guardrails (service control policies) config can attach. The policy
 * documents live with the org stack (org/guardrails/); this list lets config
 * validation reject an unknown name without loading them.
 */
export const GUARDRAIL_NAMES = [
  "baseline",
  "deny-leave-organization",
  "deny-root-user",
  "protect-access-roles",
  "protect-security-services",
  "region-allow-list",
  "protect-data-stores",
  "deny-all",
  "deny-public-network",
] as const;

export type GuardrailName = (typeof GUARDRAIL_NAMES)[number];

/**
 * The root's guardrails when config lists none (no guardrails key, or no
 * root list under it): member accounts cannot leave the organization, their
 * root users do nothing, nobody makes IAM users or keys (baseline), and the
 * admin and deploy roles stay as the stacks made them (protect-access-roles).
 * Turning them off takes an explicit list without them, and synth warns.
 */
export const DEFAULT_ROOT_GUARDRAILS: readonly GuardrailName[] = ["baseline", "protect-access-roles"];

/** CloudTrail's service principal: trusted access for the organization trail. */
export const CLOUDTRAIL_PRINCIPAL = "cloudtrail.amazonaws.com";
/** Identity Center's service principal: account assignments need its trusted access. */
export const IDENTITY_CENTER_PRINCIPAL = "sso.amazonaws.com";

/** Guardrails that deny every action: no stack can deploy into an account under one. */
export const DENY_EVERYTHING_GUARDRAILS: readonly GuardrailName[] = ["deny-all"];

/** Attached by the org stack to every account of a protected environment, without being listed. */
export const PROTECTED_ENVIRONMENT_GUARDRAIL: GuardrailName = "protect-data-stores";

/** AWS attaches FullAWSAccess to every target, and it counts toward the per-target limit. */
export const AWS_DEFAULT_POLICIES_PER_TARGET = 1;

/** Where a guardrail attaches: the organization root, an OU, or an account. */
export const ROOT_TARGET = "root";
