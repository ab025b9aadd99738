/**
 * Where the pipelines keep what one stage hands to the next: a secure bucket
 * (stacks/secure-bucket.ts) encrypted with a customer-managed KMS key of the
 * Tools account, so access to the artifacts is granted through the key's
 * users (the pipeline and runner roles) and can be audited and revoked in
 * one place.
 */
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import { keyUsedThroughService } from "../stacks/key-policy.ts";
import { policyDocument, policyJson } from "../stacks/policy-document.ts";
import { SecureBucket } from "../stacks/secure-bucket.ts";

export class ArtifactStore extends Construct {
  readonly key: KmsKey;
  readonly bucket: SecureBucket;
  readonly bucketName: string;

  constructor(scope: Construct, id: string, props: { readonly organization: string; readonly accountId: string; readonly region: string }) {
    super(scope, id);
    // The Tools account's IAM policies decide who uses it (the pipeline and
    // runner roles name it), and only through S3: nobody decrypts an artifact
    // with a direct KMS call.
    this.key = new KmsKey(this, "key", {
      policy: policyJson(policyDocument(...keyUsedThroughService(props.accountId, props.region, "s3"))),
      description: `${props.organization} pipeline artifacts`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      lifecycle: { preventDestroy: true },
    });
    new KmsAlias(this, "alias", { name: `alias/${props.organization}-pipeline-artifacts`, targetKeyId: this.key.keyId });
    this.bucketName = `${props.organization}-pipeline-artifacts-${props.accountId}`;
    this.bucket = new SecureBucket(this, "bucket", { bucketName: this.bucketName, kmsKeyArn: this.key.arn });
  }
}
