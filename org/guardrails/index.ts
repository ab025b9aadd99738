/**
 * The guardrail library: every name config can use (config/guardrail-names.ts)
 * mapped to the function that writes its policy. The Record type makes a name
 * without a builder a compile error; a test checks the two lists are equal.
 */
import type { GuardrailName } from "../../config/guardrail-names.ts";
import type { OrgConfig } from "../../config/model.ts";
import type { PolicyDocument } from "../../stacks/policy-document.ts";
import { baseline } from "./baseline.ts";
import { denyAll } from "./deny-all.ts";
import { denyLeaveOrganization } from "./deny-leave-organization.ts";
import { denyPublicNetwork } from "./deny-public-network.ts";
import { denyRootUser } from "./deny-root-user.ts";
import { protectAccessRoles } from "./protect-access-roles.ts";
import { protectDataStores } from "./protect-data-stores.ts";
import { protectSecurityServices } from "./protect-security-services.ts";
import { regionAllowList } from "./region-allow-list.ts";

export interface Guardrail {
  readonly build: (config: OrgConfig) => PolicyDocument;
  /** Shown in the Organizations console (at most 512 characters). */
  readonly description: string;
}

export const GUARDRAILS: Readonly<Record<GuardrailName, Guardrail>> = {
  baseline: {
    build: baseline,
    description:
      "Member accounts stay in the organization, their root users do nothing, and account-wide settings stay on: S3 public access block, no IAM users or access keys, EBS encryption by default, no RAM sharing outside the organization.",
  },
  "deny-leave-organization": { build: denyLeaveOrganization, description: "Member accounts cannot leave the organization." },
  "deny-root-user": { build: denyRootUser, description: "The root user of a member account can do nothing." },
  "protect-access-roles": {
    build: protectAccessRoles,
    description: "Only the admin roles create or change the break-glass role; only the break-glass role creates or changes the admin roles; only they change the deploy roles and their policies.",
  },
  "protect-security-services": {
    build: protectSecurityServices,
    description: "Nobody but the break-glass role stops, deletes or narrows CloudTrail, GuardDuty, Config, Security Hub or Access Analyzer, or loosens the trail bucket.",
  },
  "region-allow-list": {
    build: regionAllowList,
    description: "Nothing outside the allowed regions, except global services and ACM/CloudWatch/KMS in us-east-1.",
  },
  "protect-data-stores": {
    build: protectDataStores,
    description: "No deleting DynamoDB tables/backups, OpenSearch domains or QLDB ledgers; RDS databases/snapshots, backups and KMS keys only by break-glass; PITR only by deploying roles.",
  },
  "deny-all": { build: denyAll, description: "Nothing happens in the account except by the break-glass role: for retired accounts." },
  "deny-public-network": {
    build: denyPublicNetwork,
    description: "No internet gateways, Elastic IPs or instances with public addresses, except by the break-glass role.",
  },
};

/** The documents of the guardrails config attaches somewhere, in library order. */
export function usedGuardrails(config: OrgConfig): Map<GuardrailName, PolicyDocument> {
  const used = new Set(config.guardrails.attachments.flatMap((a) => a.policies));
  const documents = new Map<GuardrailName, PolicyDocument>();
  for (const [name, guardrail] of Object.entries(GUARDRAILS) as [GuardrailName, Guardrail][]) {
    if (used.has(name)) documents.set(name, guardrail.build(config));
  }
  return documents;
}
