import type { OrgConfig } from "../../config/model.ts";
import { policyDocument, type PolicyDocument, type PolicyStatement } from "../../stacks/policy-document.ts";
import { adminRoleNames, anyAccountRoleArn, anyAccountRoleNamePatterns, breakGlassArns, breakGlassResources, deployRoleNames, driftRoleNames, exceptPrincipals } from "./principals.ts";

/**
 * Every IAM action that creates a role, changes what it may do or who may
 * assume it, or removes it (AWS's example SCP, plus creation and tagging).
 * Creation matters as much as change: the guardrails exempt roles by name, so
 * whoever could create a role of an exempted name would be exempt too.
 */
const ROLE_CHANGES = [
  "iam:AttachRolePolicy",
  "iam:CreateRole",
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
 * Who may create or change the roles the guardrails trust:
 * - the break-glass role (exempt from every guardrail): only the admin roles,
 *   which only the management account can assume, create or change it, and
 *   nobody may pass it to a service;
 * - the admin (organization access) roles: only the break-glass role;
 * - the deploy and drift roles and their managed policies: the break-glass
 *   role and the admin roles, which the tools stack manages them through.
 */
export function protectAccessRoles(config: OrgConfig): PolicyDocument {
  const breakGlass = breakGlassArns(config);
  const adminNames = adminRoleNames(config);
  const adminRoles = adminNames.map(anyAccountRoleArn);
  // The tools stack's roles in the environment accounts: what a pipeline deploys and checks drift through.
  const pipelineRoleNames = [...deployRoleNames(config), ...driftRoleNames(config)];
  const deployRoles = pipelineRoleNames.map(anyAccountRoleArn);
  const statements: PolicyStatement[] = [];
  const breakGlassRole = config.guardrails.breakGlassRole;
  if (breakGlassRole !== undefined) {
    statements.push({
      Sid: "ProtectBreakGlassRole",
      Effect: "Deny",
      Action: [...ROLE_CHANGES, "iam:PassRole"],
      Resource: breakGlassResources(breakGlassRole),
      ...exceptPrincipals(adminRoles),
    });
  }
  statements.push({
    Sid: "ProtectAdminRoles",
    Effect: "Deny",
    Action: ROLE_CHANGES,
    Resource: adminNames.flatMap(anyAccountRoleNamePatterns),
    ...exceptPrincipals(breakGlass),
  });
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
  // The deploy roles' managed policies are named after their role
  // (deploy-<env>...): a new default version would change what the role may
  // do as surely as attaching another policy.
  if (deployRoles.length > 0) {
    statements.push({
      Sid: "ProtectDeployRolePolicies",
      Effect: "Deny",
      Action: ["iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion"],
      Resource: pipelineRoleNames.map((name) => `arn:aws:iam::*:policy/${name}*`),
      ...exceptPrincipals([...breakGlass, ...adminRoles]),
    });
  }
  return policyDocument(...statements);
}
