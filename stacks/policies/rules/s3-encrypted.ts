import { blocks, block, type PolicyRule } from "../engine/rule.ts";
import { bucketCompanions } from "../engine/s3.ts";

/** Every S3 bucket has default server-side encryption configured. */
export const s3Encrypted: PolicyRule = {
  id: "s3-encrypted",
  description: "Every S3 bucket has default server-side encryption configured (an aws_s3_bucket_server_side_encryption_configuration for it).",
  resourceTypes: ["aws_s3_bucket"],
  check(bucket, stack) {
    const hasAlgorithm = (rules: unknown) => blocks(rules).some((r) => typeof block(r.apply_server_side_encryption_by_default).sse_algorithm === "string");
    const configured =
      bucketCompanions(bucket, stack, "aws_s3_bucket_server_side_encryption_configuration").some((c) => hasAlgorithm(c.config.rule)) ||
      // The provider's deprecated inline block counts too.
      hasAlgorithm(block(bucket.config.server_side_encryption_configuration).rule);
    if (configured) return undefined;
    return "has no default encryption (add an aws_s3_bucket_server_side_encryption_configuration for it, or build it with SecureBucket from stacks/secure-bucket.ts)";
  },
};
