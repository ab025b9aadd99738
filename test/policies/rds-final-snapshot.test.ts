import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
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

  it("fails a cluster with deletion protection that still skips its final snapshot, and an instance that keeps its snapshot without deletion protection", () => {
    const fix = "and stack test holds protected data (set deletionProtection: true and skipFinalSnapshot: false with a finalSnapshotIdentifier)";
    expect(
      synthErrors((s) => {
        new RdsCluster(s, "ledger", {
          clusterIdentifier: "ledger",
          engine: "aurora-postgresql",
          masterUsername: "app",
          manageMasterUserPassword: true,
          storageEncrypted: true,
          deletionProtection: true,
          skipFinalSnapshot: true,
        });
        new DbInstance(s, "orders", {
          identifier: "orders",
          engine: "postgres",
          instanceClass: "db.t4g.micro",
          allocatedStorage: 20,
          manageMasterUserPassword: true,
          username: "app",
          storageEncrypted: true,
          deletionProtection: false,
          skipFinalSnapshot: false,
          finalSnapshotIdentifier: "orders-final",
        });
      }, "prod"),
    ).toEqual([
      `[test/ledger] [rds-final-snapshot] aws_rds_cluster.ledger: skip_final_snapshot is true, ${fix}`,
      `[test/orders] [rds-final-snapshot] aws_db_instance.orders: deletion_protection is not true, ${fix}`,
    ]);
  });
});
