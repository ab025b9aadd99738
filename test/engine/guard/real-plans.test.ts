/**
 * The destroy guard on plans made by the real Terraform and AWS provider:
 * the org stack of the example config seeded into a state as if applied,
 * then planned after config changes.
 *
 * Measured here: prevent_destroy guards a resource only while its block is
 * in the configuration. Removing an account from the config (or renaming its
 * construct id) removes the block, and Terraform plans the deletion without
 * a word; only the replacement of a resource still in the configuration (the
 * state bucket renamed) is refused by Terraform itself. To get a plan for
 * that case the work copy drops prevent_destroy, as if someone had deleted
 * it in code. The guard must refuse all of them.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardPlan, runGuard } from "../../../engine/guard/index.ts";
import { mapBounded } from "../../../engine/verify-stacks.ts";
import type { TempRepo } from "../../helpers/example-config.ts";
import { REPO_ROOT, removeCorpAccount } from "../../helpers/example-config.ts";
import { OfflineOrg } from "./helpers/offline-org.ts";
import type { PlanJson } from "./helpers/seed-state.ts";

const NEW_BUCKET = "acme-terraform-state-renamed";

interface Scenario {
  readonly change: (repo: TempRepo) => void;
  readonly withoutPreventDestroy?: boolean;
}

function renameStateBucket(r: TempRepo): void {
  r.edit("organization.yaml", "bucket: acme-terraform-state-example", `bucket: ${NEW_BUCKET}`);
}

const SCENARIOS = {
  /** A new account: only creates. */
  addAccount: {
    change: (r) => {
      r.edit("organization.yaml", "legacy]", "legacy, sandbox]");
      r.write("accounts/sandbox.yaml", "name: sandbox\ntitle: Acme Sandbox\nemail: aws-sandbox@example.com\nou: nonprod\n");
    },
  },
  /**
   * corp removed from the config the way a user must (removeCorpAccount);
   * prevent_destroy is still in the code, but not on a block that is gone.
   */
  removeAccount: {
    change: removeCorpAccount,
  },
  /** The state bucket renamed (S3 cannot rename, so it is a replacement), prevent_destroy in place. */
  renameStateBucketProtected: { change: renameStateBucket },
  /** prevent_destroy removed: the state bucket renamed, and the stage account renamed to staging (a new construct id, so a new address). */
  renames: {
    change: (r) => {
      renameStateBucket(r);
      r.edit("organization.yaml", "stage, prod, legacy]", "staging, prod, legacy]");
      r.edit("organization.yaml", "account: stage\n", "account: staging\n");
      r.write("accounts/staging.yaml", r.read("accounts/stage.yaml").replace("name: stage\n", "name: staging\n"));
      r.remove("accounts/stage.yaml");
      // The expectations name stage; this scenario judges the guard, not the guardrails.
      r.remove("guardrail-expectations.yaml");
    },
    withoutPreventDestroy: true,
  },
} satisfies Record<string, Scenario>;

type Outcome = { plan: PlanJson } | { error: Error };

let org: OfflineOrg;
const outcomes = new Map<keyof typeof SCENARIOS, Outcome>();
const timings: string[] = [];

beforeAll(async () => {
  const started = Date.now();
  org = await OfflineOrg.start();
  await org.seed();
  timings.push(`seed: ${org.seedRounds} plans, ${Date.now() - started} ms`);
  const names = Object.keys(SCENARIOS) as (keyof typeof SCENARIOS)[];
  // Two at a time: each plan runs a ~600 MB provider process (ARCHITECTURE "Toolchain facts").
  await mapBounded(names, 2, async (name) => {
    const t = Date.now();
    const scenario: Scenario = SCENARIOS[name];
    try {
      outcomes.set(name, { plan: await org.plan(org.synthesize(scenario.change), { withoutPreventDestroy: scenario.withoutPreventDestroy ?? false }) });
    } catch (err) {
      outcomes.set(name, { error: err as Error });
    }
    timings.push(`${name}: ${Date.now() - t} ms`);
  });
  timings.push(`total: ${Date.now() - started} ms`);
});

afterAll(async () => {
  console.info(`guard real-plan timings\n  ${timings.join("\n  ")}`);
  await org?.close();
});

function planOf(name: keyof typeof SCENARIOS): PlanJson {
  const outcome = outcomes.get(name);
  if (outcome === undefined) throw new Error(`${name} did not run`);
  if ("error" in outcome) throw outcome.error;
  return outcome.plan;
}

function addressesOf(plan: PlanJson, actions: string): string[] {
  return (plan.resource_changes ?? []).filter((rc) => JSON.stringify(rc.change.actions) === actions).map((rc) => rc.address);
}

describe("destroy guard on real plans", () => {
  it("accepts a plan that only adds an account", () => {
    const plan = planOf("addAccount");
    expect(addressesOf(plan, '["create"]')).toContain("aws_organizations_account.account-sandbox");
    expect((plan.resource_changes ?? []).filter((rc) => rc.change.actions.includes("delete"))).toEqual([]);
    const result = guardPlan(plan);
    expect(result).toMatchObject({ ok: true, findings: [] });
    expect(result.report).toBe("guard: the plan deletes or replaces no protected resource.\n");
  });

  it("refuses a plan that deletes an account, saying why (prevent_destroy went with the removed block)", () => {
    const plan = planOf("removeAccount");
    // The account goes, and with it the platform team's access to it; only the account is protected.
    expect(addressesOf(plan, '["delete"]')).toEqual(["aws_organizations_account.account-corp", "aws_ssoadmin_account_assignment.access-platform-admins-AdministratorAccess-corp"]);
    expect(guardPlan(plan).findings).toEqual([
      {
        address: "aws_organizations_account.account-corp",
        type: "aws_organizations_account",
        what: "an AWS account",
        action: "delete",
        why: "delete because it is no longer in the configuration",
        allowed: false,
      },
    ]);
  });

  it("leaves the state bucket's replacement to Terraform while prevent_destroy is in the code", () => {
    const outcome = outcomes.get("renameStateBucketProtected")!;
    expect("error" in outcome ? outcome.error.message : "planned").toMatch(/Instance cannot be destroyed.*aws_s3_bucket\.state-bucket_[0-9A-F]+ has lifecycle\.prevent_destroy set/s);
  });

  it("refuses a plan replacing the state bucket, naming the attribute that forces it, and a renamed construct id, pointing at moveTo", () => {
    const plan = planOf("renames");
    const [bucket] = addressesOf(plan, '["delete","create"]').filter((a) => a.startsWith("aws_s3_bucket."));
    expect(guardPlan(plan).findings).toEqual([
      {
        address: "aws_organizations_account.account-stage",
        type: "aws_organizations_account",
        what: "an AWS account",
        action: "delete",
        why:
          "delete because it is no longer in the configuration; the plan creates aws_organizations_account.account-staging: " +
          "if that is this object under a new name, keep it with moveTo or a moved block",
        allowed: false,
      },
      {
        address: bucket,
        type: "aws_s3_bucket",
        what: "an S3 bucket",
        action: "replace",
        why: `replace because bucket ("acme-terraform-state-example" -> "${NEW_BUCKET}") changed, which cannot be updated in place`,
        allowed: false,
      },
    ]);
  });

  it("lets a deliberate deletion through only when its address is allowed", () => {
    const plan = planOf("removeAccount");
    expect(guardPlan(plan, { allow: ["aws_organizations_account.account-corp"] }).ok).toBe(true);
    expect(guardPlan(plan, { allow: ["aws_organizations_account.account-dev"] }).ok).toBe(false);
  });

  it("works as `npm run guard -- <plan.json>`: exit 1 and the findings for the deletion, exit 0 for the addition", () => {
    const removal = join(org.root, "remove-account.plan.json");
    writeFileSync(removal, JSON.stringify(planOf("removeAccount")));
    const run = spawnSync("npm", ["run", "--silent", "guard", "--", removal], { cwd: REPO_ROOT, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      "guard: refused: the plan would delete or replace a protected resource:\n" + "  - aws_organizations_account.account-corp (an AWS account): delete because it is no longer in the configuration\n",
    );

    const addition = join(org.root, "add-account.plan.json");
    writeFileSync(addition, JSON.stringify(planOf("addAccount")));
    const out: string[] = [];
    expect(runGuard([addition], { out: (t) => out.push(t), err: (t) => out.push(t) })).toBe(0);
    expect(out.join("")).toBe("guard: the plan deletes or replaces no protected resource.\n");
  });

  it("made no AWS call but STS to the stub", () => {
    expect(org.unexpectedCalls()).toEqual([]);
  });
});
