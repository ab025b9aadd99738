import { accountNamed, type OrgConfig } from "../../config/model.ts";
import { organizationTrailBucketPrefix } from "../../naming/names.ts";
import { policyDocument, type PolicyDocument, type PolicyStatement } from "../../stacks/policy-document.ts";
import { anyAccountRoleArn, breakGlassArns, exceptPrincipals } from "./principals.ts";

/**
 * Stopping or deleting a trail, narrowing what it records, or creating
 * another beside the organization trail (a second copy of every management
 * event, delivered wherever its creator likes).
 */
const CLOUDTRAIL_STOPS = ["cloudtrail:CreateTrail", "cloudtrail:DeleteTrail", "cloudtrail:PutEventSelectors", "cloudtrail:PutInsightSelectors", "cloudtrail:StopLogging", "cloudtrail:UpdateTrail"];

/**
 * Deleting or disabling a detector (UpdateDetector can set enable=false),
 * leaving the administrator account, or hiding findings: filters that
 * auto-archive, trusted IP lists, archiving, changing where findings are published.
 */
const GUARDDUTY_STOPS = [
  "guardduty:ArchiveFindings",
  "guardduty:CreateFilter",
  "guardduty:CreateIPSet",
  "guardduty:DeleteDetector",
  "guardduty:DeleteFilter",
  "guardduty:DeleteIPSet",
  "guardduty:DeletePublishingDestination",
  "guardduty:DeleteThreatIntelSet",
  "guardduty:DeleteMembers",
  "guardduty:DisassociateFromAdministratorAccount",
  "guardduty:DisassociateFromMasterAccount",
  "guardduty:DisassociateMembers",
  "guardduty:StopMonitoringMembers",
  "guardduty:UpdateDetector",
  "guardduty:UpdateFilter",
  "guardduty:UpdateIPSet",
  "guardduty:UpdateMemberDetectors",
  "guardduty:UpdatePublishingDestination",
  "guardduty:UpdateThreatIntelSet",
];

/** Stopping, deleting or narrowing the recorder (Put... changes what it records), or cutting off or shortening where it delivers. */
const CONFIG_STOPS = [
  "config:DeleteConfigurationRecorder",
  "config:DeleteDeliveryChannel",
  "config:DeleteRetentionConfiguration",
  "config:PutConfigurationRecorder",
  "config:PutDeliveryChannel",
  "config:StopConfigurationRecorder",
];

/** Turning Security Hub off or leaving its administrator, and silencing IAM Access Analyzer. */
const FINDINGS_STOPS = [
  "access-analyzer:ApplyArchiveRule",
  "access-analyzer:CreateArchiveRule",
  "access-analyzer:DeleteAnalyzer",
  "access-analyzer:UpdateArchiveRule",
  "securityhub:BatchDisableStandards",
  "securityhub:DeleteMembers",
  "securityhub:DisableSecurityHub",
  "securityhub:DisassociateFromAdministratorAccount",
  "securityhub:DisassociateFromMasterAccount",
  "securityhub:DisassociateMembers",
];

/**
 * Changes to the trail bucket that could let its logs be removed, read or
 * copied elsewhere later: policy, ACLs and ownership, the public access block
 * (removing it is also PutBucketPublicAccessBlock), versioning, encryption,
 * lifecycle, replication, access logging. Its bucket policy already denies
 * deletion to everyone.
 */
const TRAIL_BUCKET_CHANGES = [
  "s3:DeleteBucket",
  "s3:DeleteBucketPolicy",
  "s3:PutBucketAcl",
  "s3:PutBucketLogging",
  "s3:PutBucketOwnershipControls",
  "s3:PutBucketPolicy",
  "s3:PutBucketPublicAccessBlock",
  "s3:PutBucketVersioning",
  "s3:PutEncryptionConfiguration",
  "s3:PutLifecycleConfiguration",
  "s3:PutObjectAcl",
  "s3:PutReplicationConfiguration",
];

/**
 * Nobody but the break-glass role may stop, delete or narrow CloudTrail,
 * GuardDuty, Config, Security Hub or IAM Access Analyzer in a member account,
 * or loosen the organization trail's bucket.
 */
export function protectSecurityServices(config: OrgConfig): PolicyDocument {
  const breakGlass = exceptPrincipals(breakGlassArns(config));
  const statements: PolicyStatement[] = [
    { Sid: "ProtectCloudTrail", Effect: "Deny", Action: CLOUDTRAIL_STOPS, Resource: "*", ...breakGlass },
    { Sid: "ProtectGuardDuty", Effect: "Deny", Action: GUARDDUTY_STOPS, Resource: "*", ...breakGlass },
    { Sid: "ProtectConfig", Effect: "Deny", Action: CONFIG_STOPS, Resource: "*", ...breakGlass },
    { Sid: "ProtectSecurityHubAndAccessAnalyzer", Effect: "Deny", Action: FINDINGS_STOPS, Resource: "*", ...breakGlass },
  ];
  if (config.logArchiveAccount !== undefined) {
    // The org stack manages the bucket through the log-archive account's
    // admin role, so that role stays able to; the prefix matches before the
    // account id (the name's suffix) is known.
    const archiveAdmin = anyAccountRoleArn(accountNamed(config, config.logArchiveAccount).adminRoleName);
    const bucket = `arn:aws:s3:::${organizationTrailBucketPrefix(config.name)}*`;
    statements.push({
      Sid: "ProtectTrailBucket",
      Effect: "Deny",
      Action: TRAIL_BUCKET_CHANGES,
      Resource: bucket,
      ...exceptPrincipals([...breakGlassArns(config), archiveAdmin]),
    });
  }
  return policyDocument(...statements);
}
