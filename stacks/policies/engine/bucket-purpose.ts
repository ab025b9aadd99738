/**
 * What an S3 bucket holds, said explicitly where it is created. Rules use it:
 * buckets holding state or artifacts must be versioned, and a bucket whose
 * purpose is not declared is treated as if it did (the safe default).
 */
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import type { IConstruct } from "constructs";

export const BUCKET_PURPOSES = ["state", "artifacts", "logs", "website", "scratch"] as const;
export type BucketPurpose = (typeof BUCKET_PURPOSES)[number];

/** Purposes whose objects cannot be recreated: an overwrite or delete must be recoverable. */
export const VERSIONED_PURPOSES: readonly BucketPurpose[] = ["state", "artifacts"];

const METADATA_TYPE = "aws-org/bucket-purpose";

export function setBucketPurpose(bucket: S3Bucket, purpose: BucketPurpose): void {
  if (!BUCKET_PURPOSES.includes(purpose)) {
    throw new Error(`setBucketPurpose(${bucket.node.path}): unknown purpose "${purpose}" (one of ${BUCKET_PURPOSES.join(", ")})`);
  }
  if (bucketPurpose(bucket) !== undefined) throw new Error(`setBucketPurpose(${bucket.node.path}): the purpose is already set`);
  bucket.node.addMetadata(METADATA_TYPE, purpose);
}

export function bucketPurpose(bucket: IConstruct): BucketPurpose | undefined {
  return bucket.node.metadata.find((m) => m.type === METADATA_TYPE)?.data as BucketPurpose | undefined;
}
