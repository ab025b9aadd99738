import type { PolicyRule } from "../engine/rule.ts";

/**
 * People come through IAM Identity Center (config/access.yaml), machines
 * through roles: an IAM user is a long-lived password or access key that no
 * sign-in policy, session limit or group membership governs. The baseline
 * guardrail denies creating them in member accounts; this keeps the stacks
 * themselves (the management account included, where SCPs do not apply)
 * from making one.
 */
export const iamNoUsers: PolicyRule = {
  id: "iam-no-users",
  description: "No IAM users, user logins, access keys or user policies in any stack: people sign in through IAM Identity Center, machines assume roles.",
  resourceTypes: ["aws_iam_user", "aws_iam_user_login_profile", "aws_iam_access_key", "aws_iam_user_policy", "aws_iam_user_policy_attachment", "aws_iam_user_group_membership"],
  check(resource) {
    return `is an IAM user or its credentials (${resource.type}): long-lived and outside Identity Center (give people a group and permission set in config/access.yaml, machines a role)`;
  },
};
