/**
 * Resource types the destroy guard refuses to delete or replace, and why.
 *
 * The guard reads only the plan, which does not say which stack, environment
 * or purpose a resource has, so it is deliberately broad:
 * - every S3 bucket, not only the state bucket: the buckets here hold state,
 *   the organization trail's logs, pipeline artifacts and the website, and
 *   losing any of them is data loss (a non-empty bucket's delete also fails
 *   halfway through an apply);
 * - every DynamoDB table, RDS database and KMS key, not only those of protected
 *   environments: a deleted table or a key past its deletion window cannot
 *   be brought back, and a deliberate removal in dev costs one --allow.
 * - every Identity Center group created here: who is in it is not in config
 *   (people join in the console or through the identity provider), so a
 *   group deleted and created again comes back empty.
 * The synth-time rule `prevent-destroy` is narrower; the guard is the second
 * line for when prevent_destroy was removed in code.
 */
export const PROTECTED_TYPES: Readonly<Record<string, string>> = {
  aws_organizations_organization: "the organization",
  aws_organizations_organizational_unit: "an organizational unit",
  aws_organizations_account: "an AWS account",
  aws_route53_zone: "a hosted zone",
  aws_s3_bucket: "an S3 bucket",
  aws_kms_key: "a KMS key",
  aws_dynamodb_table: "a DynamoDB table",
  aws_db_instance: "an RDS database instance",
  aws_rds_cluster: "an RDS cluster",
  aws_cloudtrail: "a CloudTrail trail",
  aws_identitystore_group: "an Identity Center group (its members are not in config and would be lost)",
};
