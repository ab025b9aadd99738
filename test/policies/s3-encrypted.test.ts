import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { describe, expect, it } from "vitest";
import { bucket, synthErrors } from "./helpers.ts";

describe("s3-encrypted", () => {
  it("passes a bucket with a default encryption configuration", () => {
    expect(synthErrors((s) => bucket(s, "artifacts", "acme-artifacts"))).toEqual([]);
  });

  it("fails a bucket without one, naming the bucket and the rule", () => {
    expect(synthErrors((s) => bucket(s, "artifacts", "acme-artifacts", { encryption: false }))).toEqual([
      "[test/artifacts] [s3-encrypted] aws_s3_bucket.artifacts: has no default encryption (add an aws_s3_bucket_server_side_encryption_configuration for it, or build it with SecureBucket from stacks/secure-bucket.ts)",
    ]);
  });

  it("fails a bucket whose encryption configuration is present but wrong: attached to another bucket, or setting no algorithm", () => {
    const line = (b: string) =>
      `[test/${b}] [s3-encrypted] aws_s3_bucket.${b}: has no default encryption (add an aws_s3_bucket_server_side_encryption_configuration for it, or build it with SecureBucket from stacks/secure-bucket.ts)`;
    expect(
      synthErrors((s) => {
        const site = bucket(s, "site", "acme-site");
        // copied from the site bucket's: it encrypts the site bucket, not this one
        bucket(s, "copied", "acme-copied", { encryption: false });
        new S3BucketServerSideEncryptionConfigurationA(s, "copied-encryption", { bucket: site.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] });
        // a rule that only turns on bucket keys sets no default encryption
        bucket(s, "keys-only", "acme-keys-only", { encryption: false });
        new S3BucketServerSideEncryptionConfigurationA(s, "keys-only-encryption", { bucket: "acme-keys-only", rule: [{ bucketKeyEnabled: true }] });
      }),
    ).toEqual([line("copied"), line("keys-only")]);
  });
});
