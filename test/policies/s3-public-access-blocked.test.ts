import { S3AccountPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-account-public-access-block";
import { describe, expect, it } from "vitest";
import { bucket, synthErrors } from "./helpers.ts";

describe("s3-public-access-blocked", () => {
  it("passes a bucket with all four settings on, and one covered by the account-wide block", () => {
    expect(synthErrors((s) => bucket(s, "site", "acme-site"))).toEqual([]);
    expect(
      synthErrors((s) => {
        bucket(s, "site", "acme-site", { publicAccessBlock: false });
        new S3AccountPublicAccessBlock(s, "account", { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
      }),
    ).toEqual([]);
  });

  it("fails a bucket with a setting off, and one with no block at all", () => {
    expect(
      synthErrors((s) => {
        bucket(s, "site", "acme-site", { publicAccessBlock: { restrictPublicBuckets: false } });
        bucket(s, "open", "acme-open", { publicAccessBlock: false });
      }),
    ).toEqual([
      "[test/site] [s3-public-access-blocked] aws_s3_bucket.site: does not block all public access: restrict_public_buckets is not true (set all four settings of its public access block to true)",
      "[test/open] [s3-public-access-blocked] aws_s3_bucket.open: has no public access block (add an aws_s3_bucket_public_access_block for it with all four settings true, or build it with SecureBucket)",
    ]);
  });

  it("fails a bucket covered only by an account-wide block with a setting off", () => {
    expect(
      synthErrors((s) => {
        bucket(s, "site", "acme-site", { publicAccessBlock: false });
        new S3AccountPublicAccessBlock(s, "account", { blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true });
      }),
    ).toEqual([
      "[test/site] [s3-public-access-blocked] aws_s3_bucket.site: does not block all public access: block_public_policy is not true (set all four settings of its public access block to true)",
    ]);
  });

  it("passes a bucket whose own block is complete beside a weaker account-wide one, and names every setting that is off", () => {
    expect(
      synthErrors((s) => {
        bucket(s, "site", "acme-site");
        new S3AccountPublicAccessBlock(s, "account", { blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true });
      }),
    ).toEqual([]);
    expect(synthErrors((s) => bucket(s, "site", "acme-site", { publicAccessBlock: { blockPublicPolicy: false, restrictPublicBuckets: false } }))).toEqual([
      "[test/site] [s3-public-access-blocked] aws_s3_bucket.site: does not block all public access: block_public_policy and restrict_public_buckets are not true (set all four settings of its public access block to true)",
    ]);
  });
});
