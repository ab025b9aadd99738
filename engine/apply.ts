/**
 * How this repository applies a stack: terraform init -> plan -out -> show
 * -json -> the plan check (the destroy guard by default) -> confirm -> apply
 * exactly the saved plan. Every documented way of applying (provision,
 * deploy, the sandbox, the pipelines) comes through here, so none skips the
 * guard. (`cdktf deploy` does: it plans and applies in one go.)
 *
 * Also the check that follows an apply: plan again, and say what it would
 * still change (a perpetual diff is a bug).
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "./errors.ts";
import { guardPlan } from "./guard/index.ts";
import { changeCount, describePlan, planLists, type PlanJson, type PlanLists } from "./plan.ts";
import { terraformStep, terraformText, type StackTerraform } from "./stack-terraform.ts";

/** Refuses a plan by throwing (a UserError says why and what to do); returning accepts it. */
export type CheckPlan = (plan: PlanJson) => void | Promise<void>;

export const acceptEveryPlan: CheckPlan = () => undefined;

/**
 * prevent_destroy does not stop Terraform deleting a resource whose block is
 * gone (an account removed from config); this does.
 */
export function destroyGuard(allow: readonly string[] = []): CheckPlan {
  return (plan) => {
    const result = guardPlan(plan, { allow });
    if (result.ok) return;
    throw new UserError(
      `${result.report.trimEnd()}\nnot applied: the plan would delete or replace protected resources (nothing changed). ` +
        `If that is really intended, re-run with --allow-destroy <address> for each one.`,
    );
  };
}

export interface GuardedApplyOptions {
  /** Apply without asking (callers refuse earlier when there is no terminal and no auto-approve). */
  readonly autoApprove?: boolean;
  /** Default: the destroy guard with `allowDestroy`. */
  readonly checkPlan?: CheckPlan;
  /** Addresses the destroy guard lets through, deliberately. */
  readonly allowDestroy?: readonly string[];
}

/** What the apply needs from the person running it. */
export interface ApplyUi {
  out(line: string): void;
  confirm(message: string): Promise<boolean>;
}

export interface AppliedPlan {
  /** What the applied plan did (empty lists when there was nothing to apply). */
  readonly lists: PlanLists;
  readonly applied: boolean;
}

export const PLAN_FILE = "accounts-provision.tfplan";

/** Plans, checks, confirms and applies the synthesized stack; `label` names it in messages. */
export async function guardedApply(stack: StackTerraform, ui: ApplyUi, label: string, options: GuardedApplyOptions = {}): Promise<AppliedPlan> {
  await terraformStep(stack, ["init", "-input=false"]);
  await terraformStep(stack, ["plan", "-input=false", `-out=${PLAN_FILE}`], { echo: true });
  const planFile = join(stack.dir, PLAN_FILE);
  try {
    const plan = parsePlanJson(await terraformText(stack, ["show", "-json", PLAN_FILE]));
    const lists = planLists(plan);
    for (const line of describePlan(label, lists)) ui.out(line);
    await (options.checkPlan ?? destroyGuard(options.allowDestroy))(plan);

    if (changeCount(lists) === 0) {
      ui.out("no changes to apply");
      return { lists, applied: false };
    }
    if (!options.autoApprove) {
      const yes = await ui.confirm(`Apply this plan to the ${label}?`);
      if (!yes) throw new UserError("not applied: the plan was not confirmed (nothing changed in AWS or in the config)");
    }
    await terraformStep(stack, ["apply", "-input=false", PLAN_FILE], { echo: true });
    return { lists, applied: true };
  } finally {
    rmSync(planFile, { force: true });
  }
}

const REPLAN_FILE = "replan.tfplan";

/**
 * Plans the stack again (refreshing from the cloud) and returns what that plan
 * would still change: empty lists right after an apply, unless the code
 * and the cloud disagree.
 */
export async function planAgain(stack: StackTerraform): Promise<PlanLists> {
  const run = await terraformStep(stack, ["plan", "-input=false", "-detailed-exitcode", `-out=${REPLAN_FILE}`], { okStatus: [0, 2] });
  try {
    if (run.status === 0) return planLists({});
    return planLists(parsePlanJson(await terraformText(stack, ["show", "-json", REPLAN_FILE])));
  } finally {
    rmSync(join(stack.dir, REPLAN_FILE), { force: true });
  }
}

export function parsePlanJson(stdout: string): PlanJson {
  try {
    return JSON.parse(stdout) as PlanJson;
  } catch {
    throw new UserError("terraform show -json did not print the plan as JSON (is the terraform on PATH 1.x?)");
  }
}
