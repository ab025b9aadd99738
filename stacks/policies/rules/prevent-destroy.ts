import { bucketPurpose } from "../engine/bucket-purpose.ts";
import { block, isTrue, type PolicyRule } from "../engine/rule.ts";
import type { ResourceView, StackView } from "../engine/view.ts";

/** What the resource is, when it must survive a destroy; undefined when it need not. */
function protectedAs(resource: ResourceView, stack: StackView): string | undefined {
  const { context } = stack;
  switch (resource.type) {
    case "aws_organizations_organization":
      return "the organization";
    case "aws_organizations_organizational_unit":
      return "an organizational unit";
    case "aws_organizations_account":
      return "an account";
    case "aws_route53_zone":
      return "a hosted zone (its name servers are delegated to)";
    case "aws_s3_bucket":
      return resource.config.bucket === context.stateBucketName || bucketPurpose(resource.construct) === "state" ? "the state bucket" : undefined;
    case "aws_kms_key":
      return context.protectedData ? `a KMS key of stack ${context.stackId}, which holds protected data` : undefined;
    default: // aws_dynamodb_table
      return context.protectedData ? `a table of stack ${context.stackId}, which holds protected data` : undefined;
  }
}

/** Resources whose loss cannot be undone refuse `terraform destroy` and replacement. */
export const preventDestroy: PolicyRule = {
  id: "prevent-destroy",
  description: "The organization, OUs, accounts, hosted zones and the state bucket, and KMS keys and DynamoDB tables of stacks holding protected data, have lifecycle prevent_destroy.",
  resourceTypes: ["aws_organizations_organization", "aws_organizations_organizational_unit", "aws_organizations_account", "aws_route53_zone", "aws_s3_bucket", "aws_kms_key", "aws_dynamodb_table"],
  check(resource, stack) {
    const what = protectedAs(resource, stack);
    if (what === undefined || isTrue(block(resource.config.lifecycle).prevent_destroy)) return undefined;
    return `is ${what} but can be destroyed (set lifecycle: { preventDestroy: true })`;
  },
};
