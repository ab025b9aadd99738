import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resourceChangesFromPlanLog, summarizePlan, summarizeResourceChanges, type ResourceChange } from "../../engine/plan.ts";
import type { ImportBlock } from "../../engine/workdir.ts";

// Real Terraform 1.11 / aws 5.100 output, from fixtures/make-plan-fixtures.ts: against a seeded state,
// a create, a create of a stripped import, an update, a replacement, a delete and a no-op.
const fixture = (name: string) => readFileSync(join(import.meta.dirname, "fixtures", name), "utf8");
const showJson = JSON.parse(fixture("plan-show.json")) as unknown;
const planLog = fixture("plan-log.jsonl");
const stripped: ImportBlock[] = [{ to: "aws_organizations_account.legacy", id: "210987654321" }];

describe("summarizePlan (terraform show -json)", () => {
  it("counts add, change, replace and destroy; a stripped import's create counts as an import, not an add", () => {
    const s = summarizePlan(showJson, stripped);
    expect({ add: s.add, change: s.change, replace: s.replace, destroy: s.destroy }).toEqual({ add: 1, change: 1, replace: 1, destroy: 1 });
    expect(s.imports).toEqual([{ address: "aws_organizations_account.legacy", id: "210987654321" }]);
    // Terraform itself says 3 to add, 1 to change, 2 to destroy.
    expect(planLog).toContain('"changes":{"add":3,"change":1,"import":0,"remove":2,"operation":"plan"}');
  });

  it("keeps every changed resource (not the no-op) for a destroy guard", () => {
    const s = summarizePlan(showJson, stripped);
    expect(s.resourceChanges.map((c) => [c.address, c.change.actions]).sort()).toEqual([
      ["aws_organizations_account.legacy", ["create"]],
      ["aws_s3_bucket.fresh", ["create"]],
      ["aws_s3_bucket.gone", ["delete"]],
      ["aws_s3_bucket.renamed", ["delete", "create"]],
      ["aws_s3_bucket.tagged", ["update"]],
    ]);
  });

  it("without the import blocks, the import's create is an add", () => {
    const s = summarizePlan(showJson);
    expect(s.add).toBe(2);
    expect(s.imports).toEqual([]);
  });

  it("rejects something that is not show -json output", () => {
    expect(() => summarizePlan({ resource_changes: [] })).toThrow(/format_version/);
    expect(() => summarizePlan(null)).toThrow(/format_version/);
  });
});

describe("resourceChangesFromPlanLog (terraform plan -json)", () => {
  it("reads the same changes as show -json from the plan's own log", () => {
    const fromLog = summarizeResourceChanges(resourceChangesFromPlanLog(planLog), stripped);
    const fromShow = summarizePlan(showJson, stripped);
    expect({ ...fromLog, resourceChanges: undefined }).toEqual({ ...fromShow, resourceChanges: undefined });
    expect(fromLog.resourceChanges.find((c) => c.address === "aws_s3_bucket.renamed")).toMatchObject({
      type: "aws_s3_bucket",
      name: "renamed",
      mode: "managed",
      change: { actions: ["delete", "create"] },
      action_reason: "cannot_update",
    });
  });

  it("tells data sources (also inside modules) from managed resources and skips non-JSON lines", () => {
    const line = (addr: string, action: string) => JSON.stringify({ type: "planned_change", change: { resource: { addr, resource_type: "t", resource_name: "n" }, action } });
    const log = ["not json", line("module.net.data.aws_vpc.main", "read"), line("module.data.aws_s3_bucket.x", "create"), "{broken"].join("\n");
    expect(resourceChangesFromPlanLog(log).map((c) => [c.address, c.mode, c.change.actions])).toEqual([
      ["module.net.data.aws_vpc.main", "data", ["read"]],
      ["module.data.aws_s3_bucket.x", "managed", ["create"]],
    ]);
  });
});

describe("summarizeResourceChanges", () => {
  const rc = (address: string, actions: string[], extra: Partial<ResourceChange["change"]> = {}): ResourceChange => ({
    address,
    mode: "managed",
    type: address.split(".")[0]!,
    name: address.split(".")[1]!,
    change: { actions, ...extra },
  });

  it("counts create-before-destroy replacements once and an import Terraform planned as an import", () => {
    const s = summarizeResourceChanges([
      rc("aws_s3_bucket.a", ["create", "delete"]),
      rc("aws_s3_bucket.b", ["no-op"], { importing: { id: "b" } }),
      rc("aws_s3_bucket.c", ["update"], { importing: { id: "c" } }),
      { ...rc("aws_s3_bucket.d", ["read"]), mode: "data" },
    ]);
    expect(s).toMatchObject({ add: 0, change: 1, replace: 1, destroy: 0 });
    expect(s.imports).toEqual([
      { address: "aws_s3_bucket.b", id: "b" },
      { address: "aws_s3_bucket.c", id: "c" },
    ]);
  });

  it("does not list an import block whose resource is already in state (Terraform ignores it too)", () => {
    const s = summarizeResourceChanges([rc("aws_s3_bucket.a", ["no-op"])], [{ to: "aws_s3_bucket.a", id: "a" }]);
    expect(s.imports).toEqual([]);
  });
});
