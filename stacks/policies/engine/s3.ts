/** S3 settings live in aws_s3_bucket_* resources beside the bucket; this finds them. */
import type { ResourceView, StackView } from "./view.ts";

/** Companions name their bucket by its id or bucket attribute (or the literal bucket name). */
export function bucketCompanions(bucket: ResourceView, stack: StackView, type: string): ResourceView[] {
  return stack.attachedTo(bucket, type, ["id", "bucket"], "bucket");
}

/** How messages name a bucket: its literal name when it has one. */
export function bucketLabel(bucket: ResourceView): string {
  const name = bucket.config.bucket;
  return typeof name === "string" && !name.includes("${") ? `bucket ${name}` : "the bucket";
}
