import { isTrue, listing, type PolicyRule } from "../engine/rule.ts";
import { bucketCompanions } from "../engine/s3.ts";

const SETTINGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"] as const;

/** Every S3 bucket has all four public access block settings on (its own block or the account's). */
export const s3PublicAccessBlocked: PolicyRule = {
  id: "s3-public-access-blocked",
  description: "Every S3 bucket has an aws_s3_bucket_public_access_block (or the stack an aws_s3_account_public_access_block) with all four settings true.",
  resourceTypes: ["aws_s3_bucket"],
  check(bucket, stack) {
    const blocks = [...bucketCompanions(bucket, stack, "aws_s3_bucket_public_access_block"), ...stack.ofType("aws_s3_account_public_access_block")];
    if (blocks.length === 0) {
      return "has no public access block (add an aws_s3_bucket_public_access_block for it with all four settings true, or build it with SecureBucket)";
    }
    if (blocks.some((b) => SETTINGS.every((s) => isTrue(b.config[s])))) return undefined;
    const off = SETTINGS.filter((s) => !isTrue(blocks[0]!.config[s]));
    return `does not block all public access: ${listing(off)} ${off.length === 1 ? "is" : "are"} not true (set all four settings of its public access block to true)`;
  },
};
