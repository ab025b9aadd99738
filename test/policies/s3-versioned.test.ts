import { describe, expect, it } from "vitest";
import { setBucketPurpose } from "../../stacks/policies/index.ts";
import { bucket, synthErrors } from "./helpers.ts";

describe("s3-versioned", () => {
  it("passes a versioned bucket, and an unversioned one declared to hold only logs", () => {
    expect(
      synthErrors((s) => {
        bucket(s, "artifacts", "acme-artifacts");
        setBucketPurpose(bucket(s, "logs", "acme-logs", { versioning: false }), "logs");
      }),
    ).toEqual([]);
  });

  it("fails an unversioned bucket whose purpose is not declared, and one holding artifacts with versioning suspended", () => {
    expect(
      synthErrors((s) => {
        bucket(s, "undeclared", "acme-undeclared", { versioning: false });
        setBucketPurpose(bucket(s, "artifacts", "acme-artifacts", { versioning: "Suspended" }), "artifacts");
      }),
    ).toEqual([
      '[test/undeclared] [s3-versioned] aws_s3_bucket.undeclared: may hold state or artifacts (no purpose declared) but is not versioned (add an aws_s3_bucket_versioning with status "Enabled", or if it holds neither state nor artifacts declare that with setBucketPurpose(bucket, "logs" | "website" | "scratch"))',
      '[test/artifacts] [s3-versioned] aws_s3_bucket.artifacts: holds artifacts but has versioning Suspended (add an aws_s3_bucket_versioning with status "Enabled")',
    ]);
  });
});
