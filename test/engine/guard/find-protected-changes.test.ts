/** The guard's reading of plan JSON, on small plans in the shape `terraform show -json` writes (see real-plans.test.ts for real ones). */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findProtectedChanges, formatFindings, runGuard } from "../../../engine/guard/index.ts";

type Change = { address: string; type: string; actions: string[]; mode?: string; action_reason?: string; replace_paths?: (string | number)[][]; before?: unknown; after?: unknown; deposed?: string };

function plan(...changes: Change[]) {
  return {
    format_version: "1.2",
    planned_values: {},
    resource_changes: changes.map((c) => ({
      address: c.address,
      mode: c.mode ?? "managed",
      type: c.type,
      name: c.address.split(".").pop(),
      ...(c.deposed && { deposed: c.deposed }),
      ...(c.action_reason && { action_reason: c.action_reason }),
      change: { actions: c.actions, before: c.before ?? {}, after: c.after ?? {}, ...(c.replace_paths && { replace_paths: c.replace_paths }) },
    })),
  };
}

/** What must never be lost by a plan, written out here (not read from the guard's own list, or dropping a type would drop its test). */
const MUST_BE_PROTECTED = [
  "aws_organizations_organization",
  "aws_organizations_organizational_unit",
  "aws_organizations_account",
  "aws_route53_zone",
  "aws_s3_bucket",
  "aws_kms_key",
  "aws_dynamodb_table",
  "aws_db_instance",
  "aws_rds_cluster",
  "aws_cloudtrail",
  "aws_identitystore_group",
];

describe("findProtectedChanges", () => {
  it.each(MUST_BE_PROTECTED)("refuses deleting and replacing (either order) %s", (type) => {
    const found = findProtectedChanges(
      plan(
        { address: `${type}.deleted`, type, actions: ["delete"], action_reason: "delete_because_no_resource_config" },
        { address: `${type}.replaced`, type, actions: ["delete", "create"] },
        { address: `${type}.replaced_first`, type, actions: ["create", "delete"] },
      ),
    );
    expect(found.map((f) => [f.address, f.action])).toEqual([
      [`${type}.deleted`, "delete"],
      [`${type}.replaced`, "replace"],
      [`${type}.replaced_first`, "replace"],
    ]);
  });

  it("refuses to delete a database: RDS instances and clusters are protected data stores", () => {
    const found = findProtectedChanges(
      plan(
        { address: "aws_db_instance.orders", type: "aws_db_instance", actions: ["delete"], action_reason: "delete_because_no_resource_config" },
        { address: "aws_rds_cluster.events", type: "aws_rds_cluster", actions: ["delete", "create"] },
      ),
    );
    expect(found.map((f) => [f.address, f.what, f.action])).toEqual([
      ["aws_db_instance.orders", "an RDS database instance", "delete"],
      ["aws_rds_cluster.events", "an RDS cluster", "replace"],
    ]);
  });

  it("ignores creates, updates, no-ops, forgets, data sources and unprotected types", () => {
    expect(
      findProtectedChanges(
        plan(
          { address: "aws_s3_bucket.a", type: "aws_s3_bucket", actions: ["create"] },
          { address: "aws_kms_key.k", type: "aws_kms_key", actions: ["update"] },
          { address: "aws_dynamodb_table.t", type: "aws_dynamodb_table", actions: ["no-op"] },
          { address: "aws_route53_zone.z", type: "aws_route53_zone", actions: ["forget"] },
          { address: "data.aws_s3_bucket.d", type: "aws_s3_bucket", actions: ["delete"], mode: "data" },
          { address: "aws_organizations_policy_attachment.p", type: "aws_organizations_policy_attachment", actions: ["delete"] },
        ),
      ),
    ).toEqual([]);
  });

  it("says why for each kind of delete and replace", () => {
    const why = findProtectedChanges(
      plan(
        { address: "aws_kms_key.k", type: "aws_kms_key", actions: ["delete", "create"], action_reason: "replace_because_tainted" },
        { address: "aws_route53_zone.z", type: "aws_route53_zone", actions: ["create", "delete"], action_reason: "replace_by_request" },
        {
          address: "aws_dynamodb_table.t",
          type: "aws_dynamodb_table",
          actions: ["delete", "create"],
          action_reason: "replace_because_cannot_update",
          replace_paths: [["hash_key"], ["attribute"]],
          before: { hash_key: "id", attribute: [{ name: "id" }] },
          after: { hash_key: "pk", attribute: [{ name: "pk" }] },
        },
        { address: "aws_cloudtrail.trail", type: "aws_cloudtrail", actions: ["delete"] },
        { address: "aws_s3_bucket.old", type: "aws_s3_bucket", actions: ["delete"], deposed: "00000001" },
        { address: "aws_organizations_organizational_unit.ou", type: "aws_organizations_organizational_unit", actions: ["delete"], action_reason: "delete_because_no_resource_config" },
      ),
    ).map((f) => `${f.address}: ${f.why}`);
    expect(why).toEqual([
      "aws_kms_key.k: replace because it is tainted",
      "aws_route53_zone.z: replace because a -replace was requested",
      'aws_dynamodb_table.t: replace because hash_key ("id" -> "pk"), attribute changed, which cannot be updated in place',
      "aws_cloudtrail.trail: delete because the plan destroys it",
      "aws_s3_bucket.old: delete because it is the deposed object 00000001 left by an earlier replacement",
      "aws_organizations_organizational_unit.ou: delete because it is no longer in the configuration",
    ]);
  });

  it("refuses input that is not a plan, rather than finding nothing in it", () => {
    expect(() => findProtectedChanges([])).toThrow("not a JSON object");
    expect(() => findProtectedChanges({ format_version: "1.0", values: {} })).toThrow("this is a state, not a plan (run terraform show -json on a plan file)");
    expect(() => findProtectedChanges({ resource_changes: [] })).toThrow("not the JSON of `terraform show -json <planfile>`");
    expect(() => findProtectedChanges({ format_version: "1.2", planned_values: {}, errored: true })).toThrow("the plan errored");
  });
});

describe("what the guard tells the person reading a refusal", () => {
  const why = (...changes: Change[]) => findProtectedChanges(plan(...changes)).map((f) => `${f.address}: ${f.why}`);

  it("points at a rename when the plan creates one of the same type while deleting another", () => {
    expect(
      why(
        { address: "aws_s3_bucket.old", type: "aws_s3_bucket", actions: ["delete"], action_reason: "delete_because_no_resource_config" },
        { address: "aws_s3_bucket.new", type: "aws_s3_bucket", actions: ["create"] },
        { address: "aws_s3_bucket.also-new", type: "aws_s3_bucket", actions: ["create"] },
        { address: "aws_kms_key.other-type", type: "aws_kms_key", actions: ["create"] },
        { address: "aws_s3_bucket.replaced", type: "aws_s3_bucket", actions: ["create", "delete"] },
      ),
    ).toEqual([
      "aws_s3_bucket.old: delete because it is no longer in the configuration; the plan creates aws_s3_bucket.new, aws_s3_bucket.also-new: if that is this object under a new name, keep it with moveTo or a moved block",
      "aws_s3_bucket.replaced: replace because the provider cannot update it in place",
    ]);
    // Deleted for another reason, or nothing of its type created: no rename hint.
    expect(
      why(
        { address: "aws_s3_bucket.old", type: "aws_s3_bucket", actions: ["delete"], action_reason: "delete_because_count_index" },
        { address: "aws_s3_bucket.new", type: "aws_s3_bucket", actions: ["create"] },
      ),
    ).toEqual(["aws_s3_bucket.old: delete because its count index is out of range"]);
    expect(
      why(
        { address: "aws_s3_bucket.old", type: "aws_s3_bucket", actions: ["delete"], action_reason: "delete_because_no_resource_config" },
        { address: "aws_kms_key.k", type: "aws_kms_key", actions: ["create"] },
      ),
    ).toEqual(["aws_s3_bucket.old: delete because it is no longer in the configuration"]);
  });

  it("names the attributes that force a replacement, with their values when they are plain", () => {
    expect(
      why({
        address: "aws_db_instance.db",
        type: "aws_db_instance",
        actions: ["delete", "create"],
        replace_paths: [["engine"], ["tags", "team"], ["subnet_ids", 0], ["encrypted"], ["port"], ["gone", "deeper"]],
        before: { engine: "postgres", tags: { team: "a" }, subnet_ids: ["s-1"], encrypted: false, port: 5432, gone: null },
        after: { engine: "mysql", tags: { team: "b" }, subnet_ids: ["s-2"], encrypted: true, port: 3306, gone: "x" },
      }),
    ).toEqual([
      'aws_db_instance.db: replace because engine ("postgres" -> "mysql"), tags.team ("a" -> "b"), subnet_ids[0] ("s-1" -> "s-2"), encrypted (false -> true), port (5432 -> 3306), gone.deeper changed, which cannot be updated in place',
    ]);
  });

  it("ignores data sources and types it does not protect, and only deletions count", () => {
    expect(
      why(
        { address: "data.aws_s3_bucket.b", type: "aws_s3_bucket", actions: ["delete"], mode: "data" },
        { address: "aws_iam_role.r", type: "aws_iam_role", actions: ["delete"] },
        { address: "aws_s3_bucket.kept", type: "aws_s3_bucket", actions: ["update"] },
        { address: "aws_s3_bucket.new", type: "aws_s3_bucket", actions: ["create"] },
      ),
    ).toEqual([]);
  });

  it("refuses every shape that is not a plan", () => {
    for (const notObject of [null, "plan", 3]) expect(() => findProtectedChanges(notObject)).toThrow("not a JSON object");
    expect(() => findProtectedChanges({ format_version: 1, planned_values: {} })).toThrow("not the JSON of `terraform show -json <planfile>`");
    expect(() => findProtectedChanges({ format_version: "1.2", planned_values: {}, resource_changes: {} })).toThrow("resource_changes is not a list");
    expect(findProtectedChanges({ format_version: "1.2", planned_values: {} })).toEqual([]);
    try {
      findProtectedChanges(null);
    } catch (err) {
      expect((err as Error).name).toBe("NotAPlanError");
    }
  });

  it("says how many are refused, one or several, and lists each finding on its own line", () => {
    const one = findProtectedChanges(plan({ address: "aws_kms_key.k", type: "aws_kms_key", actions: ["delete"] }));
    expect(formatFindings(one)).toBe(
      "guard: refused: the plan would delete or replace a protected resource:\n" +
        "  - aws_kms_key.k (a KMS key): delete because the plan destroys it\n" +
        "Nothing was applied. If a construct id was renamed, keep the object with `resource.moveTo(...)` or a moved block; " +
        "if a replacement comes from a changed attribute, change it back or migrate by hand; " +
        "an account is retired with `npm run accounts -- retire <name>` (moved to the suspended OU), never deleted by Terraform. " +
        "If the loss is intended, run the guard again with --allow <address> for each resource above.\n",
    );
    const several = findProtectedChanges(
      plan(
        { address: "aws_kms_key.k", type: "aws_kms_key", actions: ["delete"] },
        { address: "aws_dynamodb_table.t", type: "aws_dynamodb_table", actions: ["delete"] },
        { address: "aws_cloudtrail.t", type: "aws_cloudtrail", actions: ["delete"] },
      ),
      { allow: ["aws_cloudtrail.t"] },
    );
    expect(formatFindings(several).split("\n").slice(0, 4)).toEqual([
      "guard: refused: the plan would delete or replace 2 protected resources:",
      "  - aws_kms_key.k (a KMS key): delete because the plan destroys it",
      "  - aws_dynamodb_table.t (a DynamoDB table): delete because the plan destroys it",
      "  - aws_cloudtrail.t (a CloudTrail trail): delete because the plan destroys it [allowed by --allow]",
    ]);
    const allAllowed = findProtectedChanges(plan({ address: "aws_kms_key.a", type: "aws_kms_key", actions: ["delete"] }, { address: "aws_kms_key.b", type: "aws_kms_key", actions: ["delete"] }), {
      allow: ["aws_kms_key.a", "aws_kms_key.b"],
    });
    expect(formatFindings(allAllowed).split("\n")[0]).toBe("guard: the plan deletes or replaces 2 protected resources, each allowed explicitly:");
  });

  it("describes each protected type in words a reader knows", () => {
    const described = Object.fromEntries(MUST_BE_PROTECTED.map((type) => [type, findProtectedChanges(plan({ address: `${type}.x`, type, actions: ["delete"] }))[0]!.what]));
    expect(described).toEqual({
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
    });
  });
});

describe("npm run guard", () => {
  const dir = mkdtempSync(join(tmpdir(), "guard-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
    return path;
  };
  const run = (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = runGuard(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join(""), err: err.join("") };
  };
  const deletion = plan({ address: "aws_organizations_account.account-corp", type: "aws_organizations_account", actions: ["delete"], action_reason: "delete_because_no_resource_config" });

  it("exits 1 listing what would be lost and what to do, 0 once each is allowed", () => {
    const path = file("delete.json", deletion);
    const refused = run(path);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(formatFindings(findProtectedChanges(deletion)));
    expect(refused.err).toContain("If the loss is intended, run the guard again with --allow <address> for each resource above.");
    const allowed = run(path, "--allow", "aws_organizations_account.account-corp");
    expect(allowed).toEqual({
      code: 0,
      out:
        "guard: the plan deletes or replaces 1 protected resource, each allowed explicitly:\n" +
        "  - aws_organizations_account.account-corp (an AWS account): delete because it is no longer in the configuration [allowed by --allow]\n",
      err: "",
    });
  });

  it("warns about an --allow that matches nothing", () => {
    expect(run(file("empty.json", plan()), "--allow", "aws_s3_bucket.typo")).toEqual({
      code: 0,
      out: "guard: the plan deletes or replaces no protected resource.\n",
      err: "guard: warning: --allow aws_s3_bucket.typo matches nothing this plan deletes or replaces\n",
    });
  });

  it("exits 2 on a missing file, non-JSON, a state instead of a plan, and bad arguments", () => {
    const missing = join(dir, "missing.json");
    expect(run(missing)).toMatchObject({ code: 2, err: expect.stringContaining(`guard: cannot read ${missing}: ENOENT`) });
    expect(run(file("text.json", "Terraform will perform the following actions"))).toMatchObject({ code: 2, err: expect.stringContaining("not JSON") });
    const state = file("state.json", { format_version: "1.0", values: { root_module: {} } });
    expect(run(state)).toMatchObject({ code: 2, err: `guard: cannot check ${state}: this is a state, not a plan (run terraform show -json on a plan file)\n` });
    expect(run()).toMatchObject({ code: 2, err: expect.stringContaining("guard: no plan file given\nusage: npm run guard") });
    expect(run(state, "--allow")).toMatchObject({ code: 2, err: expect.stringContaining("--allow needs a resource address") });
    expect(run(state, "--force")).toMatchObject({ code: 2, err: expect.stringContaining("unknown option --force") });
  });
});
