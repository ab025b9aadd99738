import { block, isTrue, type PolicyRule } from "../engine/rule.ts";

/** DynamoDB tables holding protected data have point-in-time recovery on. */
export const dynamodbPitr: PolicyRule = {
  id: "dynamodb-pitr",
  description: "DynamoDB tables have point-in-time recovery enabled in stacks holding protected data (protected environments and accounts without an environment).",
  resourceTypes: ["aws_dynamodb_table"],
  check(table, stack) {
    if (!stack.context.protectedData) return undefined;
    if (isTrue(block(table.config.point_in_time_recovery).enabled)) return undefined;
    return `has no point-in-time recovery, and stack ${stack.context.stackId} holds protected data (set pointInTimeRecovery: { enabled: true })`;
  },
};
