/**
 * The prices the preview's idle-cost estimate multiplies by: fixed monthly
 * charges only, on-demand, in one region. Everything a stack may create is
 * classified here as priced, "per use" (billed by storage, requests or
 * minutes, so nothing while idle is guessed), or free; a resource type that
 * is not classified is reported as such instead of being counted as zero.
 *
 * Update the figures and `date` together, from the pages in `source`.
 */
export const PRICE_TABLE = {
  region: "eu-west-1",
  currency: "USD",
  date: "2026-12-03",
  source:
    "AWS public on-demand price pages for eu-west-1 (aws.amazon.com/<service>/pricing): route53, kms, cloudwatch, ec2 (instances, EBS, public IPv4), vpc (NAT), systems-manager, secrets-manager, codepipeline; transcribed, not fetched: this machine has no internet",
  hoursPerMonth: 730,
  /** Charged per month for each resource, whatever it does. */
  perMonth: {
    route53HostedZone: 0.5,
    kmsCustomerManagedKey: 1.0,
    cloudwatchAlarmStandard: 0.1,
    cloudwatchAlarmHighResolution: 0.3,
    ssmAdvancedParameter: 0.05,
    secretsManagerSecret: 0.4,
    codepipelineV1: 1.0,
  },
  /** Charged per hour while the resource exists. */
  perHour: {
    publicIpv4Address: 0.005,
    natGateway: 0.048,
    ec2Linux: {
      "t4g.nano": 0.0046,
      "t4g.micro": 0.0092,
      "t4g.small": 0.0184,
      "t3.nano": 0.0057,
      "t3.micro": 0.0114,
      "t3.small": 0.0228,
    } as Readonly<Record<string, number>>,
  },
  /** Charged per provisioned GB per month. */
  perGbMonth: {
    ebs: { gp3: 0.088, gp2: 0.11 } as Readonly<Record<string, number>>,
  },
} as const;

/** Billed only for what is stored, requested or run: nothing while idle. */
export const PER_USE: Readonly<Record<string, string>> = {
  aws_s3_bucket: "S3 storage and requests",
  aws_s3_object: "S3 storage and requests",
  aws_cloudfront_distribution: "CloudFront requests and data out",
  aws_lambda_function: "Lambda requests and duration",
  aws_apigatewayv2_api: "API Gateway requests",
  aws_dynamodb_table: "DynamoDB on-demand requests and storage (PITR per GB)",
  aws_sns_topic: "SNS publishes and deliveries",
  aws_cloudwatch_log_group: "CloudWatch Logs ingestion and storage",
  aws_codebuild_project: "CodeBuild build minutes",
  aws_codepipeline: "CodePipeline V2 action minutes",
  aws_cloudwatch_event_rule: "EventBridge events",
  aws_route53_record: "Route 53 queries",
  aws_cloudtrail: "CloudTrail beyond the first management-event trail, and its S3 storage",
};

/**
 * No charge of their own (configuration of another resource, identity, or a
 * free service); what they enable is priced by the resource it belongs to.
 */
export const FREE: ReadonlySet<string> = new Set([
  "aws_acm_certificate",
  "aws_acm_certificate_validation",
  "aws_apigatewayv2_api_mapping",
  "aws_apigatewayv2_domain_name",
  "aws_apigatewayv2_integration",
  "aws_apigatewayv2_route",
  "aws_apigatewayv2_stage",
  "aws_cloudfront_origin_access_control",
  "aws_cloudwatch_event_target",
  "aws_codeconnections_connection",
  "aws_iam_instance_profile",
  "aws_iam_openid_connect_provider",
  "aws_iam_policy",
  "aws_iam_role",
  "aws_iam_role_policy",
  "aws_iam_role_policy_attachment",
  "aws_identitystore_group",
  "aws_internet_gateway",
  "aws_kms_alias",
  "aws_lambda_permission",
  "aws_launch_template",
  "aws_organizations_account",
  "aws_organizations_organization",
  "aws_organizations_organizational_unit",
  "aws_organizations_policy",
  "aws_organizations_policy_attachment",
  "aws_route_table",
  "aws_route_table_association",
  "aws_s3_bucket_ownership_controls",
  "aws_s3_bucket_policy",
  "aws_s3_bucket_public_access_block",
  "aws_s3_bucket_server_side_encryption_configuration",
  "aws_s3_bucket_versioning",
  "aws_security_group",
  "aws_sns_topic_policy",
  "aws_sns_topic_subscription",
  "aws_ssoadmin_account_assignment",
  "aws_ssoadmin_managed_policy_attachment",
  "aws_ssoadmin_permission_set",
  "aws_subnet",
  "aws_vpc",
  "aws_vpc_security_group_egress_rule",
  "aws_vpc_security_group_ingress_rule",
]);
