import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { describe, expect, it } from "vitest";
import { synthErrors, type PolicyTestStack } from "./helpers.ts";

const database = (s: PolicyTestStack, safe: boolean) =>
  new DbInstance(s, "orders", {
    identifier: "orders",
    engine: "postgres",
    instanceClass: "db.t4g.micro",
    allocatedStorage: 20,
    manageMasterUserPassword: true,
    username: "app",
    storageEncrypted: true,
    deletionProtection: safe,
    skipFinalSnapshot: !safe,
    ...(safe && { finalSnapshotIdentifier: "orders-final" }),
  });

describe("rds-final-snapshot", () => {
  it("passes a protected database in a protected environment, and an unprotected one in an unprotected environment", () => {
    expect(synthErrors((s) => database(s, true), "prod")).toEqual([]);
    expect(synthErrors((s) => database(s, false), "dev")).toEqual([]);
  });

  it("fails a database that skips its final snapshot without deletion protection in a protected environment", () => {
    expect(synthErrors((s) => database(s, false), "prod")).toEqual([
      "[test/orders] [rds-final-snapshot] aws_db_instance.orders: deletion_protection is not true and skip_final_snapshot is true, and stack test holds protected data (set deletionProtection: true and skipFinalSnapshot: false with a finalSnapshotIdentifier)",
    ]);
  });
});
