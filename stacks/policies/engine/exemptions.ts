/**
 * An exemption lets one resource break one rule, for a written reason. It is
 * stored on the resource's construct node, so it travels with the resource
 * and nowhere else; every exemption is listed in its stack's README.
 */
import { TerraformResource, type TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { ALL_RULES, ruleById } from "./registry.ts";

const METADATA_TYPE = "aws-org/policy-exemption";

export interface Exemption {
  readonly ruleId: string;
  readonly reason: string;
}

export interface ListedExemption extends Exemption {
  /** Construct path, as the README names it. */
  readonly path: string;
  /** Terraform address. */
  readonly address: string;
}

/**
 * Exempts exactly this resource (not its children, not its siblings) from
 * one rule. Throws on an unknown rule, a rule that does not look at this
 * resource type, an empty reason, or a second exemption from the same rule.
 */
export function exemptFromRule(resource: IConstruct, ruleId: string, reason: string): void {
  const where = `exemptFromRule(${resource.node.path}, "${ruleId}")`;
  if (!TerraformResource.isTerraformResource(resource)) {
    throw new Error(`${where}: not a Terraform resource; exempt the resource itself (for a SecureBucket: its .bucket)`);
  }
  const rule = ruleById(ruleId);
  if (rule === undefined) throw new Error(`${where}: no such rule (rules: ${ALL_RULES.map((r) => r.id).join(", ")})`);
  if (!rule.resourceTypes.includes(resource.terraformResourceType)) {
    throw new Error(`${where}: the rule does not check ${resource.terraformResourceType} (it checks ${rule.resourceTypes.join(", ")})`);
  }
  if (reason.trim() === "") throw new Error(`${where}: give the reason the resource may break the rule`);
  if (exemptionsOf(resource).has(ruleId)) throw new Error(`${where}: already exempt from this rule`);
  resource.node.addMetadata(METADATA_TYPE, { ruleId, reason: reason.trim() } satisfies Exemption);
}

/** Reason by rule id. */
export function exemptionsOf(construct: IConstruct): Map<string, string> {
  const found = construct.node.metadata.filter((m) => m.type === METADATA_TYPE).map((m) => m.data as Exemption);
  return new Map(found.map((e) => [e.ruleId, e.reason]));
}

/** Every exemption in a stack, for its README. */
export function listExemptions(stack: TerraformStack): ListedExemption[] {
  return stack.node
    .findAll()
    .filter(TerraformResource.isTerraformResource)
    .flatMap((r) => [...exemptionsOf(r)].map(([ruleId, reason]) => ({ ruleId, reason, path: r.node.path, address: `${r.terraformResourceType}.${r.friendlyUniqueId}` })));
}
