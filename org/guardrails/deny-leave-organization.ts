import type { OrgConfig } from "../../config/model.ts";
import { policyDocument, type PolicyDocument } from "../../stacks/policy-document.ts";

/** Member accounts cannot leave the organization, and so cannot shed its guardrails. */
export function denyLeaveOrganization(_config: OrgConfig): PolicyDocument {
  return policyDocument({
    Sid: "DenyLeaveOrganization",
    Effect: "Deny",
    Action: "organizations:LeaveOrganization",
    Resource: "*",
  });
}
