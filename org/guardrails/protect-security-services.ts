import { accountNamed, type OrgConfig } from "../../config/model.ts";
import { organizationTrailBucketPrefix } from "../../stacks/naming.ts";
import { policyDocument, type PolicyDocument, type PolicyStatement } from "../../stacks/policy-document.ts";
import { anyAccountRoleArn, breakGlassArns, exceptPrincipals } from "./principals.ts";

/** Stopping or deleting a trail, or narrowing what it records. */
const CLOUDTRAIL_STOPS = ["cloudtrail:DeleteTrail", "cloudtrail:PutEventSelectors", "cloudtrail:StopLogging", "cloudtrail:UpdateTrail"];

/** Deleting or disabling a detector (UpdateDetector can set enable=false), or leaving the administrator account. */
const GUARDDUTY_STOPS = [
  "guardduty:DeleteDetector",
  "guardduty:DeleteMembers",
  "guardduty:DisassociateFromAdministratorAccount",
  "guardduty:DisassociateFromMasterAccount",
  "guardduty:DisassociateMembers",
  "guardduty:StopMonitoringMembers",
  "guardduty:UpdateDetector",
];

/** Stopping or deleting the recorder, or cutting off where it delivers. */
const CONFIG_STOPS = ["config:DeleteConfigurationRecorder", "config:DeleteDeliveryChannel", "config:StopConfigurationRecorder"];

/** Changes to the trail bucket that could let its logs be removed later. Its bucket policy already denies deletion to everyone. */
const TRAIL_BUCKET_CHANGES = [
  "s3:DeleteBucket",
  "s3:DeleteBucketPolicy",
  "s3:PutBucketPolicy",
  "s3:PutBucketVersioning",
  "s3:PutEncryptionConfiguration",
  "s3:PutLifecycleConfiguration",
];

/**
 * Nobody but the break-glass role may stop or delete CloudTrail, GuardDuty or
 * Config in a member account, or loosen the organization trail's bucket.
 */
export function protectSecurityServices(config: OrgConfig): PolicyDocument {
  const breakGlass = exceptPrincipals(breakGlassArns(config));
  const statements: PolicyStatement[] = [
    { Sid: "ProtectCloudTrail", Effect: "Deny", Action: CLOUDTRAIL_STOPS, Resource: "*", ...breakGlass },
    { Sid: "ProtectGuardDuty", Effect: "Deny", Action: GUARDDUTY_STOPS, Resource: "*", ...breakGlass },
    { Sid: "ProtectConfig", Effect: "Deny", Action: CONFIG_STOPS, Resource: "*", ...breakGlass },
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
