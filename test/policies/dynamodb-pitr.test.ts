import { DynamodbTable, type DynamodbTableConfig } from "@cdktf/provider-aws/lib/dynamodb-table";
import { describe, expect, it } from "vitest";
import { synthErrors, type PolicyTestStack } from "./helpers.ts";

const tableConfig = (name: string): DynamodbTableConfig => ({
  name,
  billingMode: "PAY_PER_REQUEST",
  hashKey: "id",
  attribute: [{ name: "id", type: "S" }],
  lifecycle: { preventDestroy: true },
});

const table = (s: PolicyTestStack, pitr: boolean) => new DynamodbTable(s, "sessions", { ...tableConfig("sessions"), ...(pitr && { pointInTimeRecovery: { enabled: true } }) });

describe("dynamodb-pitr", () => {
  it("passes a table with point-in-time recovery in a protected environment, and one without in an unprotected one", () => {
    expect(synthErrors((s) => table(s, true), "prod")).toEqual([]);
    expect(synthErrors((s) => table(s, false), "dev")).toEqual([]);
  });

  it("fails a table without point-in-time recovery in a protected environment", () => {
    expect(synthErrors((s) => table(s, false), "prod")).toEqual([
      "[test/sessions] [dynamodb-pitr] aws_dynamodb_table.sessions: has no point-in-time recovery, and stack test holds protected data (set pointInTimeRecovery: { enabled: true })",
    ]);
  });

  it("fails a table whose point-in-time recovery block is present but disabled, in a protected environment", () => {
    expect(synthErrors((s) => new DynamodbTable(s, "orders", { ...tableConfig("orders"), pointInTimeRecovery: { enabled: false } }), "prod")).toEqual([
      "[test/orders] [dynamodb-pitr] aws_dynamodb_table.orders: has no point-in-time recovery, and stack test holds protected data (set pointInTimeRecovery: { enabled: true })",
    ]);
  });
});
