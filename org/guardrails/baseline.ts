import type { OrgConfig } from "../../config/model.ts";
import { policyDocument, type PolicyDocument } from "../../stacks/policy-document.ts";
import { denyLeaveOrganization } from "./deny-leave-organization.ts";
import { denyRootUser } from "./deny-root-user.ts";
import { adminRoleNames, anyAccountRoleArn, breakGlassArns, exceptPrincipals } from "./principals.ts";

/**
 * What every member account keeps, in one policy because AWS allows five
 * per target and the root needs its slots: it cannot leave the organization,
 * its root user does nothing (deny-leave-organization and deny-root-user),
 * and its account-wide safety settings stay on. None of these is a setting
 * this repository's stacks change after an account exists.
 */
export function baseline(config: OrgConfig): PolicyDocument {
  const breakGlass = breakGlassArns(config);
  return policyDocument(
    ...denyLeaveOrganization(config).Statement,
    ...denyRootUser(config).Statement,
    // Setting and removing the account-level block both take this action; the
    // admin roles are the way a stack or a person from the management account sets it.
    {
      Sid: "ProtectAccountPublicAccessBlock",
      Effect: "Deny",
      Action: "s3:PutAccountPublicAccessBlock",
      Resource: "*",
      ...exceptPrincipals([...breakGlass, ...adminRoleNames(config).map(anyAccountRoleArn)]),
    },
    // People and pipelines use roles (the deploy roles trust GitHub by OIDC); long-lived keys are how credentials leak.
    {
      Sid: "DenyIamUsersAndAccessKeys",
      Effect: "Deny",
      Action: ["iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:CreateUser", "iam:UpdateLoginProfile"],
      Resource: "*",
      ...exceptPrincipals(breakGlass),
    },
    {
      Sid: "KeepEbsEncryptionByDefault",
      Effect: "Deny",
      Action: ["ec2:DisableEbsEncryptionByDefault", "ec2:ResetEbsDefaultKmsKeyId"],
      Resource: "*",
      ...exceptPrincipals(breakGlass),
    },
    // AWS's example: resource shares only within the organization.
    {
      Sid: "DenyRamSharingOutsideOrganization",
      Effect: "Deny",
      Action: ["ram:CreateResourceShare", "ram:UpdateResourceShare"],
      Resource: "*",
      Condition: { Bool: { "ram:RequestedAllowsExternalPrincipals": "true" } },
    },
  );
}
