/**
 * The resource in each environment account that is restricted to the VPN:
 * an "ops" bucket (runbooks, exports, break-glass notes) whose objects can
 * be read, written and deleted only from the VPN's Elastic IP. The bucket
 * policy denies the object actions to everyone when aws:SourceIp is not the
 * VPN's address; bucket-level actions stay open to the account's roles, so
 * Terraform can still manage the bucket from anywhere.
 *
 * Created by this stack, through one aliased provider per environment
 * account, because the VPN's address is this stack's own attribute and the
 * app stacks do not exist yet; an app stack restricting its own resources
 * reads the address from CORP_OUTPUTS (corp/outputs.ts) instead.
 */
import type { Construct } from "constructs";
import type { OrgConfig } from "../config/model.ts";
import { accountIdOf } from "../stacks/aws-provider.ts";
import { crossAccountProvider } from "../stacks/cross-account-provider.ts";
import type { PolicyStatement } from "../stacks/policy-document.ts";
import { SecureBucket } from "../stacks/secure-bucket.ts";

/** The object actions only the VPN may use. */
export const VPN_ONLY_ACTIONS = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion"];

export function vpnOnlyStatement(bucketArn: string, vpnIp: string): PolicyStatement {
  return {
    Sid: "ObjectsOnlyFromTheVpn",
    Effect: "Deny",
    Principal: "*",
    Action: VPN_ONLY_ACTIONS,
    Resource: `${bucketArn}/*`,
    Condition: { NotIpAddress: { "aws:SourceIp": `${vpnIp}/32` } },
  };
}

export function opsBucketName(config: OrgConfig, environment: string, accountId: string): string {
  return `${config.name}-${environment}-ops-${accountId}`;
}

/** One VPN-only bucket per environment, in that environment's account. */
export function createVpnOnlyBuckets(scope: Construct, config: OrgConfig, vpnIp: string, stackId: string): Map<string, SecureBucket> {
  const buckets = new Map<string, SecureBucket>();
  for (const environment of config.environments) {
    const account = config.accounts.find((a) => a.name === environment.account)!;
    const bucket = new SecureBucket(scope, `ops-bucket-${environment.name}`, {
      bucketName: opsBucketName(config, environment.name, accountIdOf(account)!),
      provider: crossAccountProvider(scope, config, account, stackId),
      extraStatements: (arn) => [vpnOnlyStatement(arn, vpnIp)],
    });
    buckets.set(environment.name, bucket);
  }
  return buckets;
}
