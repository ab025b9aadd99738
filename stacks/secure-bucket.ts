/**
 * An S3 bucket with the controls a security reviewer checks first:
 * encryption, versioning, public access blocked, ACLs disabled, TLS only,
 * and protection against `terraform destroy`.
 */
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { denyInsecureTransport, policyDocument, policyJson, type PolicyStatement } from "./policy-document.ts";

export interface SecureBucketProps {
  /** Exact name: known at synth time so its ARN can go into literal policies. */
  readonly bucketName: string;
  /** Statements added to the bucket policy after the TLS-only deny. */
  readonly extraStatements?: (bucketArn: string) => PolicyStatement[];
  readonly provider?: TerraformProvider;
  /**
   * Default encryption. "aws:kms" (the default) uses the account's AWS managed
   * key aws/s3 with an S3 bucket key. "AES256" (SSE-S3) is for buckets that
   * other accounts or services write into: an AWS managed KMS key cannot be
   * used from another account.
   */
  readonly encryption?: "aws:kms" | "AES256";
  /** A customer-managed KMS key (its ARN) instead of aws/s3: for buckets other roles and accounts read through that key's grants (the pipelines' artifacts). */
  readonly kmsKeyArn?: string;
}

export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly bucketArn: string;
  /** Resources that must exist before a service checks the bucket (e.g. CloudTrail) can depend on this. */
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const provider = props.provider;
    this.bucketArn = `arn:aws:s3:::${props.bucketName}`;
    this.bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      provider,
      lifecycle: { preventDestroy: true },
    });
    const bucket = this.bucket.id;
    new S3BucketVersioningA(this, "versioning", {
      bucket,
      provider,
      versioningConfiguration: { status: "Enabled" },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      provider,
      rule: [
        (props.encryption ?? "aws:kms") === "aws:kms"
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", ...(props.kmsKeyArn !== undefined && { kmsMasterKeyId: props.kmsKeyArn }) }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      ],
    });
    new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket,
      provider,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", {
      bucket,
      provider,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    const statements = [denyInsecureTransport(this.bucketArn), ...(props.extraStatements?.(this.bucketArn) ?? [])];
    this.policy = new S3BucketPolicy(this, "policy", {
      bucket,
      provider,
      policy: policyJson(policyDocument(...statements)),
    });
  }
}
