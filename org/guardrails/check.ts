/**
 * What AWS would reject at apply time, checked at synth time instead: the
 * size of each SCP, the number of SCPs on one target, and wildcards in the
 * middle of an action. Each message names the guardrail or the target, and
 * the limit with the config field that sets it.
 */
import { AWS_DEFAULT_POLICIES_PER_TARGET, type GuardrailName } from "../../config/guardrail-names.ts";
import type { GuardrailAttachment, OrgConfig } from "../../config/model.ts";
import { listOf, policyJson, type PolicyDocument } from "../../stacks/policy-document.ts";

/** Every problem with the guardrails config attaches; empty when AWS would accept them all. */
export function guardrailProblems(config: OrgConfig, documents: ReadonlyMap<GuardrailName, PolicyDocument>): string[] {
  const problems: string[] = [];
  for (const [name, document] of documents) {
    const where = attachedTo(config, name);
    const size = policyJson(document).length;
    if (size > config.quotas.policySize) {
      problems.push(`guardrail ${name}: ${size} characters, over the SCP size limit of ${config.quotas.policySize} (quotas.policy_size); ` + `attached to ${where} (shorten it or split it in two)`);
    }
    for (const action of misplacedWildcards(document)) {
      problems.push(
        `guardrail ${name}: action ${JSON.stringify(action)} has a * before its end, which SCPs do not allow; ` + `attached to ${where} (put * only at the end, e.g. s3:Get*, or list the actions)`,
      );
    }
  }
  for (const attachment of config.guardrails.attachments) {
    const count = AWS_DEFAULT_POLICIES_PER_TARGET + attachment.policies.length;
    if (count > config.quotas.policiesPerTarget) {
      problems.push(
        `${describeTarget(attachment)}: ${count} SCPs (FullAWSAccess, ${attachment.policies.join(", ")}), over the limit of ` +
          `${config.quotas.policiesPerTarget} per target (quotas.policies_per_target); attach some at another level of the OU tree`,
      );
    }
  }
  return problems;
}

/**
 * Actions (and NotActions) with a * anywhere but at the end. IAM accepts
 * "s3:Get*Object"; an SCP does not: "*" may appear only alone or last.
 */
export function misplacedWildcards(document: PolicyDocument): string[] {
  return document.Statement.flatMap((s) => [...listOf(s.Action), ...listOf(s.NotAction)]).filter((action) => action.slice(0, -1).includes("*"));
}

export function describeTarget(attachment: Pick<GuardrailAttachment, "kind" | "target">): string {
  switch (attachment.kind) {
    case "root":
      return "the organization root";
    case "ou":
      return `OU ${attachment.target}`;
    case "account":
      return `account ${attachment.target}`;
  }
}

function attachedTo(config: OrgConfig, name: GuardrailName): string {
  const targets = config.guardrails.attachments.filter((a) => a.policies.includes(name)).map(describeTarget);
  return targets.join(", ");
}
