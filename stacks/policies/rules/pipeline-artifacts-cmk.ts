import { bucketCompanions } from "../engine/s3.ts";
import { block, blocks, type PolicyRule } from "../engine/rule.ts";
import type { ResourceView, StackView } from "../engine/view.ts";

/** An AWS managed key (alias/aws/...): its use cannot be granted or revoked per role, nor from another account. */
const AWS_MANAGED = /^(alias\/aws\/|arn:aws[a-z-]*:kms:[^:]*:[^:]*:alias\/aws\/)/;

function customerKey(value: unknown): boolean {
  return typeof value === "string" && value !== "" && !AWS_MANAGED.test(value);
}

/** The bucket of this stack an artifact store names, if it is in the stack. */
function storeBucket(location: unknown, stack: StackView): ResourceView | undefined {
  return stack.ofType("aws_s3_bucket").find((b) => b.config.bucket === location || stack.referenced(location) === b);
}

/** Pipelines keep their artifacts under a customer-managed KMS key. */
export const pipelineArtifactsCmk: PolicyRule = {
  id: "pipeline-artifacts-cmk",
  description: "CodePipeline artifact stores name a customer-managed KMS key (type KMS, not alias/aws/s3), and an artifact bucket in the same stack encrypts by default with a customer-managed key.",
  resourceTypes: ["aws_codepipeline"],
  check(pipeline, stack) {
    for (const store of blocks(pipeline.config.artifact_store)) {
      const key = block(store.encryption_key);
      if (key.type !== "KMS" || !customerKey(key.id)) {
        return `keeps artifacts in ${String(store.location)} without a customer-managed key (encryption_key ${key.id === undefined ? "not set: S3's AWS managed key" : String(key.id)}) (set artifactStore.encryptionKey: { id: <your KMS key ARN>, type: "KMS" })`;
      }
      const bucket = storeBucket(store.location, stack);
      if (bucket === undefined) continue;
      const rules = bucketCompanions(bucket, stack, "aws_s3_bucket_server_side_encryption_configuration").flatMap((c) => blocks(c.config.rule));
      const byDefault = rules.map((r) => block(r.apply_server_side_encryption_by_default));
      if (!byDefault.some((d) => d.sse_algorithm === "aws:kms" && customerKey(d.kms_master_key_id))) {
        return `keeps artifacts in bucket ${String(bucket.config.bucket)}, whose default encryption is not a customer-managed KMS key (give the bucket's encryption kms_master_key_id: the same key; SecureBucket takes it as kmsKeyArn)`;
      }
    }
    return undefined;
  },
};
