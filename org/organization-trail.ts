/**
 * The organization CloudTrail trail: every account, every region, global
 * service events, log file validation. It lives in the management account
 * and delivers to a bucket in the log-archive account that only CloudTrail
 * writes to and nobody deletes from. The protect-security-services guardrail
 * keeps member accounts (including a CloudTrail delegated administrator) from
 * stopping it or loosening the bucket.
 */
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import type { OrganizationsOrganization } from "@cdktf/provider-aws/lib/organizations-organization";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Annotations } from "cdktf";
import { Construct } from "constructs";
import { accountNamed, type AccountConfig, type OrgConfig } from "../config/model.ts";
import { crossAccountProvider } from "../stacks/cross-account-provider.ts";
import { organizationTrailBucketName, organizationTrailName } from "../naming/names.ts";
import type { PolicyStatement } from "../stacks/policy-document.ts";
import { SecureBucket } from "../stacks/secure-bucket.ts";

const CLOUDTRAIL = "cloudtrail.amazonaws.com";

export interface OrganizationTrailProps {
  readonly config: OrgConfig;
  readonly logArchive: AccountConfig;
  readonly logArchiveAccountId: string;
  readonly managementAccountId: string;
  readonly organization: OrganizationsOrganization;
  readonly stackId: string;
}

export class OrganizationTrail extends Construct {
  readonly trail: Cloudtrail;
  readonly bucket: SecureBucket;
  /** Writes into the log-archive account: assumes its admin role, pinned to its id. */
  readonly provider: AwsProvider;

  constructor(scope: Construct, id: string, props: OrganizationTrailProps) {
    super(scope, id);
    const { config } = props;
    const trailName = organizationTrailName(config.name);
    const bucketName = organizationTrailBucketName(config.name, props.logArchiveAccountId);
    // A literal, not the trail's arn attribute: the bucket policy must exist
    // before the trail (CloudTrail checks it on create).
    const trailArn = `arn:aws:cloudtrail:${config.managementAccount.region}:${props.managementAccountId}:trail/${trailName}`;

    this.provider = crossAccountProvider(this, config, props.logArchive, props.stackId);
    this.bucket = new SecureBucket(this, "bucket", {
      bucketName,
      provider: this.provider,
      // SSE-S3, not the SecureBucket default (SSE-KMS with the AWS managed key
      // aws/s3): CloudTrail writes here on behalf of the management account,
      // and an AWS managed key cannot be used across accounts. A customer
      // managed key would also work but needs a key policy that matches
      // CloudTrail's encryption context, and digest files would then need it
      // too; SSE-S3 is what AWS documents as the default for trail buckets.
      encryption: "AES256",
      extraStatements: (bucketArn) => trailBucketStatements({ bucketArn, trailArn, managementAccountId: props.managementAccountId, organizationId: props.organization.id }),
    });
    this.trail = new Cloudtrail(this, "trail", {
      name: trailName,
      s3BucketName: bucketName,
      isOrganizationTrail: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      // CloudTrail validates the bucket policy on create; an organization
      // trail also needs the organization's trusted access for CloudTrail.
      dependsOn: [this.bucket.policy, props.organization],
      lifecycle: { preventDestroy: true },
    });
  }
}

export interface TrailBucketPolicyInput {
  readonly bucketArn: string;
  readonly trailArn: string;
  readonly managementAccountId: string;
  /** The organization's id (o-...): a resource attribute, so a token until apply. */
  readonly organizationId: string;
}

/**
 * CloudTrail may check the ACL and write under AWSLogs/<management id>/ and
 * AWSLogs/<organization id>/ (AWS's policy for organization trails), only as
 * this trail; nobody else writes, and nobody deletes objects, versions or the
 * bucket, or sets a lifecycle rule that would expire them.
 */
export function trailBucketStatements(input: TrailBucketPolicyInput): PolicyStatement[] {
  const { bucketArn, trailArn } = input;
  return [
    {
      Sid: "AWSCloudTrailAclCheck",
      Effect: "Allow",
      Principal: { Service: CLOUDTRAIL },
      Action: "s3:GetBucketAcl",
      Resource: bucketArn,
      Condition: { StringEquals: { "aws:SourceArn": trailArn } },
    },
    {
      Sid: "AWSCloudTrailWrite",
      Effect: "Allow",
      Principal: { Service: CLOUDTRAIL },
      Action: "s3:PutObject",
      Resource: [`${bucketArn}/AWSLogs/${input.managementAccountId}/*`, `${bucketArn}/AWSLogs/${input.organizationId}/*`],
      Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } },
    },
    // aws:PrincipalServiceName is set only when a service principal makes the
    // request (IAM's own example is CloudTrail writing its logs); for users
    // and roles it is absent, and StringNotEquals on an absent key matches.
    {
      Sid: "DenyWritesExceptCloudTrail",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: `${bucketArn}/*`,
      Condition: { StringNotEquals: { "aws:PrincipalServiceName": CLOUDTRAIL } },
    },
    {
      Sid: "DenyDeletion",
      Effect: "Deny",
      Principal: "*",
      Action: ["s3:DeleteBucket", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutLifecycleConfiguration"],
      Resource: [bucketArn, `${bucketArn}/*`],
    },
  ];
}

/**
 * The trail when config names a log-archive account whose id is known.
 * Otherwise nothing, and a warning saying what to do: the bucket's provider
 * assumes a role in that account, and a role ARN that is unknown until apply
 * cannot be planned.
 */
export function createOrganizationTrail(scope: Construct, config: OrgConfig, organization: OrganizationsOrganization, stackId: string): OrganizationTrail | undefined {
  if (config.logArchiveAccount === undefined) return undefined;
  const logArchive = accountNamed(config, config.logArchiveAccount);
  const management = config.managementAccount;
  // CloudTrail's trusted access (service_access_principals) is checked by the config loader.
  if (logArchive.accountId === undefined) {
    Annotations.of(scope).addWarning(
      `organization trail not created yet: the log-archive account ${logArchive.name} has no account_id in ${logArchive.file}, ` +
        `and its bucket is written through a provider that assumes a role in that account, which cannot be planned before the account exists. ` +
        `To create it: apply the org stack (it creates the account), run \`npm run accounts -- sync\` (writes the id into ${logArchive.file}), ` +
        `then apply the org stack again.`,
    );
    return undefined;
  }
  if (management.accountId === undefined) {
    Annotations.of(scope).addWarning(
      `organization trail not created yet: the management account ${management.name} has no account_id in ${management.file}, ` +
        `and the trail bucket's policy names it (add account_id there, in quotes, then synth again).`,
    );
    return undefined;
  }
  return new OrganizationTrail(scope, "organization-trail", {
    config,
    logArchive,
    logArchiveAccountId: logArchive.accountId,
    managementAccountId: management.accountId,
    organization,
    stackId,
  });
}
