import { bucketPurpose, VERSIONED_PURPOSES } from "../engine/bucket-purpose.ts";
import { block, isTrue, type PolicyRule } from "../engine/rule.ts";
import { bucketCompanions } from "../engine/s3.ts";

/**
 * S3 buckets that hold state or artifacts are versioned. A bucket whose
 * purpose is not declared with setBucketPurpose counts as holding them.
 */
export const s3Versioned: PolicyRule = {
  id: "s3-versioned",
  description: 'S3 buckets holding state or artifacts have versioning enabled; a bucket counts as holding them unless setBucketPurpose() says it holds "logs", "website" or "scratch".',
  resourceTypes: ["aws_s3_bucket"],
  check(bucket, stack) {
    const purpose = bucketPurpose(bucket.construct);
    if (purpose !== undefined && !VERSIONED_PURPOSES.includes(purpose)) return undefined;
    const statuses = bucketCompanions(bucket, stack, "aws_s3_bucket_versioning").map((v) => block(v.config.versioning_configuration).status);
    if (statuses.includes("Enabled") || isTrue(block(bucket.config.versioning).enabled)) return undefined;
    const what = purpose === undefined ? "may hold state or artifacts (no purpose declared)" : `holds ${purpose}`;
    const state = statuses.length === 0 ? "is not versioned" : `has versioning ${String(statuses[0])}`;
    const otherwise = purpose === undefined ? `, or if it holds neither state nor artifacts declare that with setBucketPurpose(bucket, "logs" | "website" | "scratch")` : "";
    return `${what} but ${state} (add an aws_s3_bucket_versioning with status "Enabled"${otherwise})`;
  },
};
