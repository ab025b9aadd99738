/**
 * `accounts provision` with terraform replaced by a recording runner (AWS is
 * not reachable here): the order of the steps, the confirmation, the plan
 * check, and the sync after the apply. The synth is the real one.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PLAN_FILE, type PlanJson } from "../../cli/commands/provision.ts";
import { CliError } from "../../cli/io.ts";
import type { CommandRunner } from "../../engine/runner.ts";
import { tempRepo, type TempRepo } from "../helpers/example-config.ts";
import { session, snapshot, type SessionOptions } from "./harness.ts";
import { CREATED_IDS } from "./ids.ts";

let repo: TempRepo;
afterEach(() => repo.cleanup());

/** What `terraform show -json` says about a first apply: 7 accounts created, legacy imported, an OU moved. */
const PLAN: PlanJson = {
  format_version: "1.2",
  resource_changes: [
    ...["security", "dns", "corp", "tools", "dev", "stage", "prod"].map((n) => ({
      address: `aws_organizations_account.account-${n}`,
      mode: "managed" as const,
      type: "aws_organizations_account",
      name: `account-${n}`,
      change: { actions: ["create"] },
    })),
    {
      address: "aws_organizations_account.account-legacy",
      mode: "managed",
      type: "aws_organizations_account",
      name: "account-legacy",
      change: { actions: ["no-op"], importing: { id: "222222222222" } },
    },
    { address: "aws_organizations_organizational_unit.ou-nonprod", mode: "managed", type: "aws_organizations_organizational_unit", name: "ou-nonprod", change: { actions: ["update"] } },
  ],
};

/** A terraform that records each call; apply leaves a state file behind, output reports the created ids. */
function fakeTerraform(calls: string[], plan: PlanJson = PLAN, fail?: string): CommandRunner {
  return (command, args, options) => {
    calls.push([command, ...args].join(" ").replace(repo.root, "<repo>"));
    expect(options.env.CHECKPOINT_DISABLE).toBe("1");
    if (args[0] === fail) return { status: 1, stdout: "", stderr: `Error: ${fail} went wrong` };
    if (args[0] === "plan") expect(existsSync(join(options.cwd, "cdk.tf.json"))).toBe(true);
    if (args[0] === "show") return { status: 0, stdout: JSON.stringify(plan), stderr: "" };
    if (args[0] === "apply") {
      mkdirSync(join(repo.root, "state"), { recursive: true });
      writeFileSync(join(repo.root, "state", "org.tfstate"), JSON.stringify({ version: 4, resources: [] }));
    }
    if (args[0] === "output") return { status: 0, stdout: JSON.stringify({ account_ids: { value: CREATED_IDS } }), stderr: "" };
    return { status: 0, stdout: "", stderr: "" };
  };
}

const APPLIED = [
  "terraform init -input=false",
  `terraform plan -input=false -out=${PLAN_FILE}`,
  `terraform show -json ${PLAN_FILE}`,
  "checkPlan",
  `terraform apply -input=false ${PLAN_FILE}`,
  "terraform output -json -state=<repo>/state/org.tfstate",
];

function provisionSession(calls: string[], options: SessionOptions & { plan?: PlanJson; fail?: string } = {}) {
  return session(repo, {
    run: fakeTerraform(calls, options.plan, options.fail),
    checkPlan: options.checkPlan ?? (() => void calls.push("checkPlan")),
    ...options,
  });
}

describe("accounts provision", () => {
  it("--auto-approve: synth, init, plan to a file, show it, check it, apply that file, then sync the new ids", async () => {
    repo = tempRepo();
    const calls: string[] = [];
    const s = provisionSession(calls);
    expect(await s.cli("accounts", "provision", "--auto-approve")).toBe(0);
    expect(calls).toEqual(APPLIED);
    expect(s.asked).toEqual([]);
    expect(existsSync(join(repo.root, "org", "cdktf.out", "stacks", "org", "cdk.tf.json"))).toBe(true);
    expect(s.out).toContain("org stack plan: 7 to create, 1 to update in place, 0 to replace, 0 to destroy, 1 to import");
    expect(s.out).toContain("  <= aws_organizations_account.account-legacy (import)");
    expect(s.out).toContain('config/accounts/prod.yaml: account_id "100000000007" written');
    expect(repo.load().accounts.every((a) => a.accountId === CREATED_IDS[a.name as keyof typeof CREATED_IDS])).toBe(true);
  });

  it("without a terminal and without --auto-approve: refuses before running anything, and says what to do", async () => {
    repo = tempRepo();
    const calls: string[] = [];
    const before = snapshot(repo);
    const s = provisionSession(calls);
    expect(await s.cli("accounts", "provision")).toBe(2);
    expect(s.err).toEqual([
      "error: provision applies the org stack to AWS and asks for a confirmation first, but there is no terminal to ask on (review what it would do with: npm run preview, then re-run with --auto-approve)",
    ]);
    expect(calls).toEqual([]);
    expect(existsSync(join(repo.root, "org"))).toBe(false); // not even synthesized
    expect(snapshot(repo)).toEqual(before);
  });

  it("with a terminal: asks after showing the plan; no means nothing is applied and nothing synced", async () => {
    repo = tempRepo();
    const calls: string[] = [];
    const before = snapshot(repo);
    const declined = provisionSession(calls, { interactive: true, answers: [false] });
    expect(await declined.cli("accounts", "provision")).toBe(1);
    expect(declined.asked.map((q) => q.message)).toEqual(["Apply this plan to the org stack?"]);
    expect(calls).toEqual(APPLIED.slice(0, 4));
    expect(declined.err).toEqual(["error: not applied: the plan was not confirmed (nothing changed in AWS or in the config)"]);
    expect(snapshot(repo)).toEqual(before);

    calls.length = 0;
    const confirmed = provisionSession(calls, { interactive: true, answers: [true] });
    expect(await confirmed.cli("accounts", "provision")).toBe(0);
    expect(calls).toEqual(APPLIED);
  });

  it("a plan the check refuses is never applied (the seam for the destroy guard)", async () => {
    repo = tempRepo();
    const calls: string[] = [];
    const seen: PlanJson[] = [];
    const s = provisionSession(calls, {
      checkPlan: (plan) => {
        seen.push(plan);
        throw new CliError("the plan destroys aws_organizations_account.account-prod (refused)");
      },
    });
    expect(await s.cli("accounts", "provision", "--auto-approve")).toBe(1);
    expect(seen).toEqual([PLAN]);
    expect(calls).toEqual(APPLIED.slice(0, 3));
    expect(s.err).toEqual(["error: the plan destroys aws_organizations_account.account-prod (refused)"]);
  });

  it("by default the destroy guard refuses a plan that deletes an account; --allow-destroy lets a named one through", async () => {
    repo = tempRepo();
    const calls: string[] = [];
    // An account removed from config: prevent_destroy does not stop this, the guard must.
    const deleting = {
      format_version: "1.2",
      planned_values: {},
      resource_changes: [{ address: "aws_organizations_account.account-corp", type: "aws_organizations_account", action_reason: "delete_because_no_resource_config", change: { actions: ["delete"] } }],
    };
    const guarded = session(repo, { run: fakeTerraform(calls, deleting as PlanJson) });
    expect(await guarded.cli("accounts", "provision", "--auto-approve")).toBe(1);
    expect(calls).toEqual(APPLIED.slice(0, 3).filter((c) => c !== "checkPlan"));
    expect(guarded.err.join("\n")).toContain("aws_organizations_account.account-corp");
    expect(guarded.err.join("\n")).toContain("re-run with --allow-destroy <address> for each one");

    calls.length = 0;
    const allowed = session(repo, { run: fakeTerraform(calls, deleting as PlanJson) });
    expect(await allowed.cli("accounts", "provision", "--auto-approve", "--allow-destroy", "aws_organizations_account.account-corp")).toBe(0);
    expect(calls).toContain(`terraform apply -input=false ${PLAN_FILE}`);
  });

  it("no changes: nothing to apply, the ids are still synced", async () => {
    repo = tempRepo();
    const calls: string[] = [];
    const s = provisionSession(calls, { plan: { resource_changes: [] } });
    mkdirSync(join(repo.root, "state"));
    writeFileSync(join(repo.root, "state", "org.tfstate"), "{}");
    expect(await s.cli("accounts", "provision")).toBe(2); // still needs --auto-approve without a terminal
    expect(await s.cli("accounts", "provision", "--auto-approve")).toBe(0);
    expect(calls).toEqual([...APPLIED.slice(0, 4), APPLIED[5]]);
    expect(s.out).toContain("no changes to apply");
  });

  it("a failing terraform step stops there with terraform's words and the command", async () => {
    repo = tempRepo();
    const calls: string[] = [];
    const s = provisionSession(calls, { fail: "plan" });
    expect(await s.cli("accounts", "provision", "--auto-approve")).toBe(1);
    expect(calls).toEqual(APPLIED.slice(0, 2));
    expect(s.err).toEqual([`error: terraform plan failed (in org/cdktf.out/stacks/org: terraform plan -input=false -out=${PLAN_FILE}):`, "Error: plan went wrong"]);
  });
});
