import { Codepipeline, type CodepipelineArtifactStoreEncryptionKey } from "@cdktf/provider-aws/lib/codepipeline";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { Construct } from "constructs";
import { describe, expect, it } from "vitest";
import { SecureBucket } from "../../stacks/secure-bucket.ts";
import { synthErrors } from "./helpers.ts";

function pipeline(scope: Construct, location: string, encryptionKey?: CodepipelineArtifactStoreEncryptionKey): void {
  new Codepipeline(scope, "pipeline", {
    name: "deploy",
    roleArn: "arn:aws:iam::111111111111:role/pipeline",
    pipelineType: "V2",
    artifactStore: [{ location, type: "S3", ...(encryptionKey && { encryptionKey }) }],
    stage: [
      {
        name: "Source",
        action: [{ name: "Source", category: "Source", owner: "AWS", provider: "S3", version: "1", outputArtifacts: ["src"], configuration: { S3Bucket: location, S3ObjectKey: "src.zip" } }],
      },
      { name: "Run", action: [{ name: "Run", category: "Build", owner: "AWS", provider: "CodeBuild", version: "1", inputArtifacts: ["src"], configuration: { ProjectName: "build" } }] },
    ],
  });
}

const key = (s: Construct) => new KmsKey(s, "key", { enableKeyRotation: true, lifecycle: { preventDestroy: true } });

describe("pipeline-artifacts-cmk", () => {
  it("passes a pipeline whose store and bucket use the same customer-managed key", () => {
    expect(
      synthErrors((s) => {
        const k = key(s);
        new SecureBucket(s, "artifacts", { bucketName: "acme-artifacts", kmsKeyArn: k.arn });
        pipeline(s, "acme-artifacts", { id: k.arn, type: "KMS" });
      }),
    ).toEqual([]);
  });

  it("fails a pipeline that leaves its artifacts to S3's AWS managed key", () => {
    expect(synthErrors((s) => pipeline(s, "elsewhere-artifacts"))).toEqual([
      '[test/pipeline] [pipeline-artifacts-cmk] aws_codepipeline.pipeline: keeps artifacts in elsewhere-artifacts without a customer-managed key (encryption_key not set: S3\'s AWS managed key) (set artifactStore.encryptionKey: { id: <your KMS key ARN>, type: "KMS" })',
    ]);
    expect(synthErrors((s) => pipeline(s, "elsewhere-artifacts", { id: "alias/aws/s3", type: "KMS" }))).toEqual([
      '[test/pipeline] [pipeline-artifacts-cmk] aws_codepipeline.pipeline: keeps artifacts in elsewhere-artifacts without a customer-managed key (encryption_key alias/aws/s3) (set artifactStore.encryptionKey: { id: <your KMS key ARN>, type: "KMS" })',
    ]);
  });

  it("fails a pipeline whose bucket in the stack encrypts with aws/s3 by default", () => {
    expect(
      synthErrors((s) => {
        const k = key(s);
        new SecureBucket(s, "artifacts", { bucketName: "acme-artifacts" });
        pipeline(s, "acme-artifacts", { id: k.arn, type: "KMS" });
      }),
    ).toEqual([
      "[test/pipeline] [pipeline-artifacts-cmk] aws_codepipeline.pipeline: keeps artifacts in bucket acme-artifacts, whose default encryption is not a customer-managed KMS key (give the bucket's encryption kms_master_key_id: the same key; SecureBucket takes it as kmsKeyArn)",
    ]);
  });

  it("fails an empty key id and a store key that is not KMS", () => {
    expect(synthErrors((s) => pipeline(s, "elsewhere-artifacts", { id: "", type: "KMS" }))).toEqual([
      '[test/pipeline] [pipeline-artifacts-cmk] aws_codepipeline.pipeline: keeps artifacts in elsewhere-artifacts without a customer-managed key (encryption_key ) (set artifactStore.encryptionKey: { id: <your KMS key ARN>, type: "KMS" })',
    ]);
    expect(
      synthErrors((s) => {
        const k = key(s);
        pipeline(s, "elsewhere-artifacts", { id: k.arn, type: "S3" });
      }),
    ).toEqual([
      '[test/pipeline] [pipeline-artifacts-cmk] aws_codepipeline.pipeline: keeps artifacts in elsewhere-artifacts without a customer-managed key (encryption_key ${aws_kms_key.key.arn}) (set artifactStore.encryptionKey: { id: <your KMS key ARN>, type: "KMS" })',
    ]);
  });

  it("judges only the bucket the store names: by its name or by a reference to it, not another bucket of the stack", () => {
    // the store is in another stack's bucket; this stack's AES256 bucket is not the artifact store
    expect(
      synthErrors((s) => {
        const k = key(s);
        new SecureBucket(s, "logs", { bucketName: "acme-logs" });
        pipeline(s, "elsewhere-artifacts", { id: k.arn, type: "KMS" });
      }),
    ).toEqual([]);
    expect(
      synthErrors((s) => {
        const k = key(s);
        const artifacts = new SecureBucket(s, "artifacts", { bucketName: "acme-artifacts" });
        pipeline(s, artifacts.bucket.bucket, { id: k.arn, type: "KMS" });
      }),
    ).toEqual([
      "[test/pipeline] [pipeline-artifacts-cmk] aws_codepipeline.pipeline: keeps artifacts in bucket acme-artifacts, whose default encryption is not a customer-managed KMS key (give the bucket's encryption kms_master_key_id: the same key; SecureBucket takes it as kmsKeyArn)",
    ]);
  });
});
