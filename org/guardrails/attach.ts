/**
 * The guardrails as Terraform resources: one aws_organizations_policy per
 * guardrail in use, one attachment per (guardrail, target). The documents are
 * checked against AWS's limits first; a problem becomes a synth error, so
 * nothing is written and nothing reaches AWS.
 */
import { OrganizationsAccount } from "@cdktf/provider-aws/lib/organizations-account";
import { OrganizationsOrganization } from "@cdktf/provider-aws/lib/organizations-organization";
import { OrganizationsPolicy } from "@cdktf/provider-aws/lib/organizations-policy";
import { OrganizationsPolicyAttachment } from "@cdktf/provider-aws/lib/organizations-policy-attachment";
import { Annotations } from "cdktf";
import type { Construct } from "constructs";
import { ROOT_TARGET, type GuardrailName } from "../../config/guardrail-names.ts";
import type { GuardrailAttachment, OrgConfig } from "../../config/model.ts";
import { constructId } from "../../naming/names.ts";
import { policyJson } from "../../stacks/policy-document.ts";
import type { OuIds } from "../organization-units.ts";
import { guardrailProblems } from "./check.ts";
import { GUARDRAILS, usedGuardrails } from "./index.ts";

export interface GuardrailTargets {
  readonly organization: OrganizationsOrganization;
  readonly ous: OuIds;
  readonly accounts: ReadonlyMap<string, OrganizationsAccount>;
}

export function attachGuardrails(scope: Construct, config: OrgConfig, targets: GuardrailTargets): Map<GuardrailName, OrganizationsPolicy> {
  const documents = usedGuardrails(config);
  for (const problem of guardrailProblems(config, documents)) Annotations.of(scope).addError(problem);

  const policies = new Map<GuardrailName, OrganizationsPolicy>();
  for (const [name, document] of documents) {
    policies.set(
      name,
      new OrganizationsPolicy(scope, constructId("scp", name), {
        name,
        description: GUARDRAILS[name].description,
        type: "SERVICE_CONTROL_POLICY",
        content: policyJson(document),
        // Attaching fails until the organization has SCPs enabled (enabled_policy_types).
        dependsOn: [targets.organization],
      }),
    );
  }
  for (const attachment of config.guardrails.attachments) {
    const targetId = targetIdOf(attachment, targets);
    for (const name of attachment.policies) {
      new OrganizationsPolicyAttachment(scope, attachmentId(name, attachment), { policyId: policies.get(name)!.id, targetId });
    }
  }
  return policies;
}

/** An OU and an account may share a name (the example has both "security"), so the kind is part of the id. */
function attachmentId(name: GuardrailName, attachment: GuardrailAttachment): string {
  const target = attachment.kind === "root" ? ROOT_TARGET : `${attachment.kind}-${attachment.target}`;
  return constructId("scp", `${name}-${target}`);
}

function targetIdOf(attachment: GuardrailAttachment, targets: GuardrailTargets): string {
  switch (attachment.kind) {
    case "root":
      return targets.organization.roots.get(0).id;
    case "ou":
      return targets.ous.get(attachment.target)!;
    case "account":
      return targets.accounts.get(attachment.target)!.id;
  }
}
