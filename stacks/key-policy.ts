/**
 * A KMS key policy for a key that one AWS service uses on the account's
 * behalf. AWS's default policy grants `kms:*` to the account root with no
 * condition, so any principal of the account whose IAM policy says `kms:*`
 * could decrypt directly. Here the account administers the key (IAM
 * policies decide who), but the key encrypts and decrypts only through the
 * named service for a caller of this account.
 */
import type { PolicyStatement } from "./policy-document.ts";

/** AWS's key-administrator actions: everything but using the key for data (and no CreateGrant, which would hand that use out). */
export const KEY_ADMINISTRATION_ACTIONS = [
  "kms:CreateAlias",
  "kms:Describe*",
  "kms:Enable*",
  "kms:List*",
  "kms:Put*",
  "kms:Update*",
  "kms:Revoke*",
  "kms:Disable*",
  "kms:Get*",
  "kms:Delete*",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
];

export const KEY_USE_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];

/** The account administers the key, and uses it only through `service` (e.g. "s3", "sns") in `region`. */
export function keyUsedThroughService(accountId: string, region: string, service: string): PolicyStatement[] {
  const account = { AWS: `arn:aws:iam::${accountId}:root` };
  return [
    { Sid: "AccountAdministersTheKey", Effect: "Allow", Principal: account, Action: KEY_ADMINISTRATION_ACTIONS, Resource: "*" },
    {
      Sid: `AccountUsesTheKeyOnlyThrough${service.charAt(0).toUpperCase()}${service.slice(1)}`,
      Effect: "Allow",
      Principal: account,
      Action: KEY_USE_ACTIONS,
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": `${service}.${region}.amazonaws.com`, "kms:CallerAccount": accountId } },
    },
  ];
}
