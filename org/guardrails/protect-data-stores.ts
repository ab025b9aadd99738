import type { OrgConfig } from "../../config/model.ts";
import { policyDocument, type PolicyDocument } from "../../stacks/policy-document.ts";
import { adminRoleNames, anyAccountRoleArn, breakGlassArns, deployRoleNames, exceptPrincipals } from "./principals.ts";

/**
 * Data in a protected environment survives mistakes: no deleting DynamoDB
 * tables or backups, OpenSearch/Elasticsearch domains or QLDB ledgers; RDS
 * databases and snapshots, AWS Backup recovery points and KMS keys only
 * through the break-glass role; point-in-time recovery changed only by the
 * roles stacks deploy through.
 */
export function protectDataStores(config: OrgConfig): PolicyDocument {
  const breakGlass = breakGlassArns(config);
  const deployers = [...breakGlass, ...adminRoleNames(config).map(anyAccountRoleArn), ...deployRoleNames(config).map(anyAccountRoleArn)];
  return policyDocument(
    {
      Sid: "DenyDataStoreDeletion",
      Effect: "Deny",
      Action: ["dynamodb:DeleteBackup", "dynamodb:DeleteTable", "es:DeleteDomain", "es:DeleteElasticsearchDomain", "qldb:DeleteLedger"],
      Resource: "*",
    },
    // "Deletion without a final snapshot" cannot be written as an SCP: RDS has
    // no condition key for SkipFinalSnapshot or FinalDBSnapshotIdentifier
    // (DeleteDBInstance and DeleteDBCluster take only resource-tag keys; see
    // the Service Authorization Reference for Amazon RDS). So every deletion
    // is denied, and deleting a database on purpose, with its final snapshot,
    // is a break-glass act. So is deleting what a restore would need: its
    // snapshots, backup recovery points, and the KMS keys the data is encrypted with.
    {
      Sid: "DenyDatabaseDeletion",
      Effect: "Deny",
      Action: [
        "backup:DeleteBackupVault",
        "backup:DeleteRecoveryPoint",
        "backup:UpdateRecoveryPointLifecycle",
        "kms:ScheduleKeyDeletion",
        "rds:DeleteDBCluster",
        "rds:DeleteDBClusterSnapshot",
        "rds:DeleteDBInstance",
        "rds:DeleteDBSnapshot",
      ],
      Resource: "*",
      ...exceptPrincipals(breakGlass),
    },
    // Terraform turns point-in-time recovery on with this same action (no
    // condition key tells on from off), so the roles stacks apply through keep
    // it; an application's own roles cannot switch it off.
    {
      Sid: "KeepPointInTimeRecovery",
      Effect: "Deny",
      Action: "dynamodb:UpdateContinuousBackups",
      Resource: "*",
      ...exceptPrincipals(deployers),
    },
  );
}
