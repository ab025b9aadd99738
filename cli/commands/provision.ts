/**
 * `accounts provision`: creates (or imports, moves) the accounts by applying
 * the org stack, then writes the new ids into the config (`sync`).
 *
 * synth -> terraform init -> plan -out -> show -json -> checkPlan -> confirm
 * -> apply <saved plan> -> sync. The saved plan is what was shown and checked,
 * so nothing else can be applied. `checkPlan` gets the plan as `terraform
 * show -json` prints it and refuses by throwing; the default is the destroy
 * guard, which refuses to delete or replace an account, OU, bucket, key ...
 * unless the operator names it with --allow-destroy.
 */
import { rmSync } from "node:fs";
import { join, relative } from "node:path";
import { configWarnings } from "../../config/model.ts";
import { loadCurrent } from "../config-files.ts";
import { CliError, UsageError, type Io, type Workspace } from "../io.ts";
import { orgOutputsReader, synthOrgStack, terraform, type OrgOutputsReader, type SynthOrg } from "../org-outputs.ts";
import { guardPlan } from "../../scripts/guard/index.ts";
import { runSync } from "./sync.ts";

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

export interface ProvisionOptions {
  /** Apply without asking (required when there is no terminal). */
  readonly autoApprove?: boolean;
  /** Runs on the saved plan before anything is applied. Default: the destroy guard. */
  readonly checkPlan?: CheckPlan;
  /** Addresses the destroy guard lets through, deliberately. */
  readonly allowDestroy?: readonly string[];
  /** Default: synthesize the org stack in-process into ws.orgOutdir. */
  readonly synth?: SynthOrg;
  /** Where sync reads the outputs after the apply; default: the org stack's state. */
  readonly reader?: OrgOutputsReader;
}

export interface PlanSummary {
  readonly create: string[];
  readonly update: string[];
  readonly replace: string[];
  readonly delete: string[];
  readonly import: string[];
}

export const PLAN_FILE = "accounts-provision.tfplan";

export async function runProvision(ws: Workspace, io: Io, options: ProvisionOptions = {}): Promise<void> {
  if (!options.autoApprove && !io.interactive) {
    throw new UsageError(
      "provision applies the org stack to AWS and asks for a confirmation first, but there is no terminal to ask on " +
        "(review what it would do with: npm run preview, then re-run with --auto-approve)",
    );
  }
  const config = loadCurrent(ws);
  for (const warning of configWarnings(config)) io.err(warning);

  const dir = await (options.synth ?? synthOrgStack)(ws);
  const shownDir = relative(ws.repoRoot, dir) || ".";
  io.out(`synthesized the org stack into ${shownDir}`);
  terraform(ws, dir, ["init", "-input=false"]);
  terraform(ws, dir, ["plan", "-input=false", `-out=${PLAN_FILE}`], true);
  const planFile = join(dir, PLAN_FILE);
  try {
    const plan = parsePlan(terraform(ws, dir, ["show", "-json", PLAN_FILE]));
    const summary = summarize(plan);
    for (const line of describe(summary)) io.out(line);
    await (options.checkPlan ?? destroyGuard(options.allowDestroy))(plan);

    if (changeCount(summary) === 0) {
      io.out("no changes to apply");
    } else {
      if (!options.autoApprove) {
        const yes = await io.prompt.confirm({ message: "Apply this plan to the organization?", default: false });
        if (!yes) throw new CliError("not applied: the plan was not confirmed (nothing changed in AWS or in the config)");
      }
      terraform(ws, dir, ["apply", "-input=false", PLAN_FILE], true);
    }
  } finally {
    rmSync(planFile, { force: true });
  }
  io.out("writing the ids of new accounts into the config (accounts sync):");
  await runSync(ws, io, { reader: options.reader ?? orgOutputsReader(ws, loadCurrent(ws), options.synth) });
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

function describe(s: PlanSummary): string[] {
  return [
    `org stack plan: ${s.create.length} to create, ${s.update.length} to update in place, ${s.replace.length} to replace, ${s.delete.length} to destroy, ${s.import.length} to import`,
    ...s.create.map((a) => `  + ${a}`),
    ...s.update.map((a) => `  ~ ${a}`),
    ...s.replace.map((a) => `  -/+ ${a}`),
    ...s.delete.map((a) => `  - ${a}`),
    ...s.import.map((a) => `  <= ${a} (import)`),
  ];
}
