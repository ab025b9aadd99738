import type { OrgConfig } from "../../config/model.ts";
import { policyDocument, type PolicyDocument, type PolicyStatement } from "../../stacks/policy-document.ts";
import { adminRoleNames, anyAccountRoleArn, breakGlassArns, deployRoleNames, exceptPrincipals } from "./principals.ts";

/** Every IAM action that changes what a role may do or who may assume it, or removes it (AWS's example SCP, plus tagging). */
const ROLE_CHANGES = [
  "iam:AttachRolePolicy",
  "iam:DeleteRole",
  "iam:DeleteRolePermissionsBoundary",
  "iam:DeleteRolePolicy",
  "iam:DetachRolePolicy",
  "iam:PutRolePermissionsBoundary",
  "iam:PutRolePolicy",
  "iam:TagRole",
  "iam:UntagRole",
  "iam:UpdateAssumeRolePolicy",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
];

/**
 * Only the break-glass role may change the admin (organization access) roles;
 * the deploy roles only it and the admin roles, which the tools stack manages them through.
 */
export function protectAccessRoles(config: OrgConfig): PolicyDocument {
  const breakGlass = breakGlassArns(config);
  const adminRoles = adminRoleNames(config).map(anyAccountRoleArn);
  const deployRoles = deployRoleNames(config).map(anyAccountRoleArn);
  const statements: PolicyStatement[] = [
    { Sid: "ProtectAdminRoles", Effect: "Deny", Action: ROLE_CHANGES, Resource: adminRoles, ...exceptPrincipals(breakGlass) },
  ];
  // The tools stack owns the deploy roles and applies through each
  // environment account's admin role, so that role must be able to change
  // them; a pipeline (running as a deploy role) still cannot rewrite its own.
  if (deployRoles.length > 0) {
    statements.push({
      Sid: "ProtectDeployRoles",
      Effect: "Deny",
      Action: ROLE_CHANGES,
      Resource: deployRoles,
      ...exceptPrincipals([...breakGlass, ...adminRoles]),
    });
  }
  return policyDocument(...statements);
}
