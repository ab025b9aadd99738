/**
 * `deploy <stack>` with terraform replaced by a recording runner (AWS is not
 * reachable here): it synthesizes for real, plans the one stack, runs the
 * destroy guard on the saved plan and applies only that plan.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PLAN_FILE } from "../../engine/apply.ts";
import type { CommandRunner } from "../../engine/runner.ts";
import { tempRepo, type TempRepo } from "../helpers/example-config.ts";
import { session } from "./harness.ts";

let repo: TempRepo;
afterEach(() => repo.cleanup());

function recordingTerraform(calls: string[], plan: unknown): CommandRunner {
  return (command, args, options) => {
    calls.push(`${[command, ...args].join(" ")} @ ${options.cwd.replace(repo.root, "<repo>")}`);
    if (args[0] === "show") return { status: 0, stdout: JSON.stringify(plan), stderr: "" };
    return { status: 0, stdout: "", stderr: "" };
  };
}

const ADD_ONLY = {
  format_version: "1.2",
  planned_values: {},
  resource_changes: [{ address: "aws_organizations_account.account-dns", type: "aws_organizations_account", change: { actions: ["create"] } }],
};

const DELETES_AN_ACCOUNT = {
  format_version: "1.2",
  planned_values: {},
  resource_changes: [{ address: "aws_organizations_account.account-corp", type: "aws_organizations_account", action_reason: "delete_because_no_resource_config", change: { actions: ["delete"] } }],
};

describe("deploy", () => {
  it("plans, guards and applies the saved plan of the named stack, synthesized into <repo>/cdktf.out", async () => {
    repo = tempRepo();
    const calls: string[] = [];
    const s = session(repo, { run: recordingTerraform(calls, ADD_ONLY) });
    expect(await s.cli("deploy", "org", "--auto-approve")).toBe(0);
    const at = "@ <repo>/cdktf.out/stacks/org";
    expect(calls).toEqual([
      `terraform init -input=false ${at}`,
      `terraform plan -input=false -out=${PLAN_FILE} ${at}`,
      `terraform show -json ${PLAN_FILE} ${at}`,
      `terraform apply -input=false ${PLAN_FILE} ${at}`,
    ]);
    expect(existsSync(join(repo.root, "cdktf.out", "stacks", "org", "cdk.tf.json"))).toBe(true);
    expect(s.out).toContain("org stack plan: 1 to create, 0 to update in place, 0 to replace, 0 to destroy, 0 to import");
  });

  it("refuses a plan that deletes an account unless that address is allowed", async () => {
    repo = tempRepo();
    const calls: string[] = [];
    const refused = session(repo, { run: recordingTerraform(calls, DELETES_AN_ACCOUNT) });
    expect(await refused.cli("deploy", "org", "--auto-approve")).toBe(1);
    expect(calls.some((c) => c.startsWith("terraform apply"))).toBe(false);
    expect(refused.err.join("\n")).toContain("aws_organizations_account.account-corp");

    calls.length = 0;
    const allowed = session(repo, { run: recordingTerraform(calls, DELETES_AN_ACCOUNT) });
    expect(await allowed.cli("deploy", "org", "--auto-approve", "--allow-destroy", "aws_organizations_account.account-corp")).toBe(0);
    expect(calls.some((c) => c.startsWith("terraform apply"))).toBe(true);
  });

  it("names the stacks there are when asked for one that does not exist, and applies nothing", async () => {
    repo = tempRepo();
    const calls: string[] = [];
    const s = session(repo, { run: recordingTerraform(calls, ADD_ONLY) });
    expect(await s.cli("deploy", "app-qa", "--auto-approve")).toBe(1);
    expect(s.err.at(-1)).toBe("error: there is no stack app-qa (stacks: org, dns, corp, tools, app-dev, app-stage, app-prod)");
    expect(calls).toEqual([]);
  });

  it("without a terminal and without --auto-approve: refuses before synthesizing anything", async () => {
    repo = tempRepo();
    const calls: string[] = [];
    const s = session(repo, { run: recordingTerraform(calls, ADD_ONLY) });
    expect(await s.cli("deploy", "org")).toBe(2);
    expect(calls).toEqual([]);
    expect(existsSync(join(repo.root, "cdktf.out"))).toBe(false);
  });
});
