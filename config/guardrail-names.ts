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

/** Attached by the org stack to every account of a protected environment, without being listed. */
export const PROTECTED_ENVIRONMENT_GUARDRAIL: GuardrailName = "protect-data-stores";

/** AWS attaches FullAWSAccess to every target, and it counts toward the per-target limit. */
export const AWS_DEFAULT_POLICIES_PER_TARGET = 1;

/** Where a guardrail attaches: the organization root, an OU, or an account. */
export const ROOT_TARGET = "root";
