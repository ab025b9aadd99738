/**
 * Policy rules on synthesized stacks (see stacks/README.md "Policy rules").
 * AccountStack applies them to every stack; stacks use exemptFromRule and
 * setBucketPurpose.
 */
export { PolicyRulesAspect } from "./engine/aspect.ts";
export { BUCKET_PURPOSES, setBucketPurpose, type BucketPurpose } from "./engine/bucket-purpose.ts";
export { policyContext, WIREGUARD_UDP_PORT, type PolicyContext } from "./engine/context.ts";
export { exemptFromRule, listExemptions, type ListedExemption } from "./engine/exemptions.ts";
export { ALL_RULES, ruleById } from "./engine/registry.ts";
export type { PolicyRule } from "./engine/rule.ts";
