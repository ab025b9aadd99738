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
});
