import type { OrgConfig } from "../../config/model.ts";
import { policyDocument, type PolicyDocument } from "../../stacks/policy-document.ts";
import { breakGlassArns, exceptPrincipals } from "./principals.ts";

/**
 * Global services: their endpoints live in us-east-1 (a few elsewhere), so a
 * region deny must leave them out. From AWS's example SCP "Deny access to AWS
 * based on the requested AWS Region", without retired services (a4b,
 * importexport, mobileanalytics), with ACM and KMS handled below, and with
 * the billing services (billing, invoicing, payments, tax, free tier,
 * consolidated billing, Savings Plans), ECR Public (us-east-1 only) and IAM
 * Access Analyzer (policy validation behind the IAM console) that Control
 * Tower's region deny also leaves out.
 */
export const GLOBAL_SERVICE_ACTIONS = [
  "access-analyzer:*",
  "account:*",
  "aws-marketplace-management:*",
  "aws-marketplace:*",
  "aws-portal:*",
  "billing:*",
  "budgets:*",
  "ce:*",
  "chime:*",
  "cloudfront:*",
  "config:*",
  "consolidatedbilling:*",
  "cur:*",
  "directconnect:*",
  "ec2:DescribeRegions",
  "ec2:DescribeTransitGateways",
  "ec2:DescribeVpnGateways",
  "ecr-public:*",
  "fms:*",
  "freetier:*",
  "globalaccelerator:*",
  "health:*",
  "iam:*",
  "invoicing:*",
  "networkmanager:*",
  "organizations:*",
  "payments:*",
  "pricing:*",
  "route53-recovery-cluster:*",
  "route53-recovery-control-config:*",
  "route53-recovery-readiness:*",
  "route53:*",
  "route53domains:*",
  "s3:GetAccountPublic*",
  "s3:GetBucketLocation",
  "s3:ListAllMyBuckets",
  "s3:ListMultiRegionAccessPoints",
  "s3:PutAccountPublic*",
  "savingsplans:*",
  "shield:*",
  "sts:*",
  "support:*",
  "tax:*",
  "trustedadvisor:*",
  "waf-regional:*",
  "waf:*",
  "wafv2:*",
  "wellarchitected:*",
];

/**
 * Regional services that global ones need in us-east-1: CloudFront takes its
 * ACM certificate from there and publishes its metrics there (CloudWatch
 * alarms on a distribution live in us-east-1), and Route 53 DNSSEC takes its
 * KMS signing key from there. Lambda@Edge functions are created in us-east-1
 * too; that is not exempt: allow us-east-1 to use them.
 */
export const US_EAST_1_ACTIONS = ["acm:*", "cloudwatch:*", "kms:*"];

/** Nothing outside config's allowed_regions, except global services and ACM/CloudWatch/KMS in us-east-1; the break-glass role is exempt. */
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
      Sid: "DenyUsEast1ServicesOutsideAllowedRegions",
      Effect: "Deny",
      Action: US_EAST_1_ACTIONS,
      Resource: "*",
      Condition: { StringNotEquals: { "aws:RequestedRegion": withUsEast1 }, ...exempt },
    },
  );
}
