import type { OrgConfig } from "../../config/model.ts";
import { policyDocument, type PolicyDocument } from "../../stacks/policy-document.ts";
import { breakGlassArns, exceptPrincipals } from "./principals.ts";

/**
 * Data in a protected environment survives mistakes: no deleting DynamoDB
 * tables or backups, OpenSearch/Elasticsearch domains or QLDB ledgers, and RDS
 * databases only through the break-glass role.
 */
export function protectDataStores(config: OrgConfig): PolicyDocument {
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
    // is a break-glass act.
    {
      Sid: "DenyDatabaseDeletion",
      Effect: "Deny",
      Action: ["rds:DeleteDBCluster", "rds:DeleteDBInstance"],
      Resource: "*",
      ...exceptPrincipals(breakGlassArns(config)),
    },
  );
}
