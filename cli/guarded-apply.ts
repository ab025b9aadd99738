/**
 * How this repository applies a stack: terraform init -> plan -out -> show
 * -json -> the plan check (the destroy guard by default) -> confirm -> apply
 * exactly the saved plan. Used by `accounts provision` and `deploy`, so no
 * documented way of applying skips the guard. (`cdktf deploy` does: it
 * plans and applies in one go.)
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { guardPlan } from "../scripts/guard/index.ts";
import { CliError, type Io, type Workspace } from "./io.ts";
import { terraform } from "./org-outputs.ts";

/** The parts of `terraform show -json <plan>` used here. */
export interface PlanJson {
  readonly resource_changes?: readonly {
    readonly address: string;
    readonly change: { readonly actions: readonly string[]; readonly importing?: unknown };
  }[];
  readonly [key: string]: unknown;
}

/** Refuses a plan by throwing (a CliError says why and what to do); returning accepts it. */
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
    throw new CliError(
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

export interface PlanSummary {
  readonly create: string[];
  readonly update: string[];
  readonly replace: string[];
  readonly delete: string[];
  readonly import: string[];
}

export const PLAN_FILE = "accounts-provision.tfplan";

/** Plans, checks, confirms and applies the synthesized stack in `dir`; `label` names it in messages. */
export async function guardedApply(ws: Workspace, io: Io, dir: string, label: string, options: GuardedApplyOptions = {}): Promise<void> {
  terraform(ws, dir, ["init", "-input=false"]);
  terraform(ws, dir, ["plan", "-input=false", `-out=${PLAN_FILE}`], true);
  const planFile = join(dir, PLAN_FILE);
  try {
    const plan = parsePlan(terraform(ws, dir, ["show", "-json", PLAN_FILE]));
    const summary = summarize(plan);
    for (const line of describe(label, summary)) io.out(line);
    await (options.checkPlan ?? destroyGuard(options.allowDestroy))(plan);

    if (changeCount(summary) === 0) {
      io.out("no changes to apply");
      return;
    }
    if (!options.autoApprove) {
      const yes = await io.prompt.confirm({ message: `Apply this plan to the ${label}?`, default: false });
      if (!yes) throw new CliError("not applied: the plan was not confirmed (nothing changed in AWS or in the config)");
    }
    terraform(ws, dir, ["apply", "-input=false", PLAN_FILE], true);
  } finally {
    rmSync(planFile, { force: true });
  }
}

function parsePlan(stdout: string): PlanJson {
  try {
    return JSON.parse(stdout) as PlanJson;
  } catch {
    throw new CliError("terraform show -json did not print the plan as JSON (is the terraform on PATH 1.x?)");
  }
}

export function summarize(plan: PlanJson): PlanSummary {
  const s: PlanSummary = { create: [], update: [], replace: [], delete: [], import: [] };
  for (const rc of plan.resource_changes ?? []) {
    const actions = rc.change.actions.join(",");
    if (rc.change.importing !== undefined) s.import.push(rc.address);
    if (actions === "create") s.create.push(rc.address);
    else if (actions === "update") s.update.push(rc.address);
    else if (actions === "delete") s.delete.push(rc.address);
    else if (actions === "delete,create" || actions === "create,delete") s.replace.push(rc.address);
  }
  return s;
}

function changeCount(s: PlanSummary): number {
  return s.create.length + s.update.length + s.replace.length + s.delete.length + s.import.length;
}

function describe(label: string, s: PlanSummary): string[] {
  return [
    `${label} plan: ${s.create.length} to create, ${s.update.length} to update in place, ${s.replace.length} to replace, ${s.delete.length} to destroy, ${s.import.length} to import`,
    ...s.create.map((a) => `  + ${a}`),
    ...s.update.map((a) => `  ~ ${a}`),
    ...s.replace.map((a) => `  -/+ ${a}`),
    ...s.delete.map((a) => `  - ${a}`),
    ...s.import.map((a) => `  <= ${a} (import)`),
  ];
}
