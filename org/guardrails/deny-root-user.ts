import type { OrgConfig } from "../../config/model.ts";
import { policyDocument, type PolicyDocument } from "../../stacks/policy-document.ts";

/** The root user of a member account can do nothing: all work goes through roles. */
export function denyRootUser(_config: OrgConfig): PolicyDocument {
  return policyDocument({
    Sid: "DenyRootUser",
    Effect: "Deny",
    Action: "*",
    Resource: "*",
    Condition: { StringLike: { "aws:PrincipalARN": "arn:aws:iam::*:root" } },
  });
}
