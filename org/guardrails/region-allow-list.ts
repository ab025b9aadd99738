import type { OrgConfig } from "../../config/model.ts";
import { policyDocument, type PolicyDocument } from "../../stacks/policy-document.ts";
import { breakGlassArns, exceptPrincipals } from "./principals.ts";

/**
 * Global services: their endpoints live in us-east-1 (a few elsewhere), so a
 * region deny must leave them out. From AWS's example SCP "Deny access to AWS
 * based on the requested AWS Region", without retired services (a4b,
 * importexport, mobileanalytics) and with ACM and KMS handled below.
 */
export const GLOBAL_SERVICE_ACTIONS = [
  "account:*",
  "aws-marketplace-management:*",
  "aws-marketplace:*",
  "aws-portal:*",
  "budgets:*",
  "ce:*",
  "chime:*",
  "cloudfront:*",
  "config:*",
  "cur:*",
  "directconnect:*",
  "ec2:DescribeRegions",
  "ec2:DescribeTransitGateways",
  "ec2:DescribeVpnGateways",
  "fms:*",
  "globalaccelerator:*",
  "health:*",
  "iam:*",
  "networkmanager:*",
  "organizations:*",
  "pricing:*",
  "route53-recovery-cluster:*",
  "route53-recovery-control-config:*",
  "route53-recovery-readiness:*",
  "route53:*",
  "route53domains:*",
  "s3:GetAccountPublic*",
  "s3:ListAllMyBuckets",
  "s3:ListMultiRegionAccessPoints",
  "s3:PutAccountPublic*",
  "shield:*",
  "sts:*",
  "support:*",
  "trustedadvisor:*",
  "waf-regional:*",
  "waf:*",
  "wafv2:*",
  "wellarchitected:*",
];

/**
 * Regional services that global ones need in us-east-1: CloudFront takes its
 * ACM certificate from there, and Route 53 DNSSEC its KMS signing key.
 */
export const US_EAST_1_ACTIONS = ["acm:*", "kms:*"];

/** Nothing outside config's allowed_regions, except global services and ACM/KMS in us-east-1; the break-glass role is exempt. */
export function regionAllowList(config: OrgConfig): PolicyDocument {
  const allowed = [...config.allowedRegions];
  const withUsEast1 = allowed.includes("us-east-1") ? allowed : [...allowed, "us-east-1"];
  // Both conditions must hold for the deny: outside the regions, and not the break-glass role.
  const exempt = exceptPrincipals(breakGlassArns(config)).Condition ?? {};
  return policyDocument(
    {
      Sid: "DenyOutsideAllowedRegions",
      Effect: "Deny",
      NotAction: [...GLOBAL_SERVICE_ACTIONS, ...US_EAST_1_ACTIONS],
      Resource: "*",
      Condition: { StringNotEquals: { "aws:RequestedRegion": allowed }, ...exempt },
    },
    {
      Sid: "DenyAcmKmsOutsideAllowedRegionsAndUsEast1",
      Effect: "Deny",
      Action: US_EAST_1_ACTIONS,
      Resource: "*",
      Condition: { StringNotEquals: { "aws:RequestedRegion": withUsEast1 }, ...exempt },
    },
  );
}
