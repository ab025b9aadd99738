/**
 * Counts what a plan would do, from `terraform show -json <plan>`.
 *
 * Why not Terraform's own "Plan: N to add" line: offline, import blocks are
 * removed before planning (they need AWS), so the resources they adopt show up
 * as creates. Counting those as "add" would promise a new AWS account where
 * the first apply really imports an existing one; they are counted as imports
 * instead, each with its id. Replacements (delete+create in either order) are
 * counted once as replace, not as an add plus a destroy. The raw
 * resource_changes stay available (e.g. for a destroy guard).
 *
 * `terraform show -json` starts the provider again to decode the plan (~2 s
 * per stack, measured); when only addresses and actions are needed they can
 * instead be read from `plan -json`'s own `planned_change` lines
 * (resourceChangesFromPlanLog), at no extra cost.
 */
import type { ImportBlock } from "./workdir.ts";

/**
 * The one model of a plan in this repository: the parts of `terraform show
 * -json <plan file>` (format 1.x) that the summary, the destroy guard and
 * the apply read.
 */
export interface ResourceChange {
  address: string;
  mode: "managed" | "data";
  type: string;
  name: string;
  /** Set for a deposed object left behind by an earlier replacement. */
  deposed?: string;
  change: {
    actions: string[];
    importing?: { id?: string };
    before?: unknown;
    after?: unknown;
    replace_paths?: (string | number)[][];
  };
  action_reason?: string;
}

export interface PlanJson {
  format_version?: string;
  errored?: boolean;
  planned_values?: unknown;
  /** Present when the JSON is a state, not a plan. */
  values?: unknown;
  resource_changes?: ResourceChange[];
}

export interface PlanSummary {
  add: number;
  change: number;
  destroy: number;
  replace: number;
  /** Resources the first apply imports (not planned offline), with the import id. */
  imports: { address: string; id: string }[];
  /** Managed resource changes other than no-op, as Terraform listed them. */
  resourceChanges: ResourceChange[];
}

function isReplace(actions: string[]): boolean {
  return actions.length === 2 && actions.includes("delete") && actions.includes("create");
}

/** Summarizes a parsed `terraform show -json` plan; `strippedImports` are the import blocks removed before planning. */
export function summarizePlan(planJson: unknown, strippedImports: ImportBlock[] = []): PlanSummary {
  const plan = planJson as PlanJson;
  if (typeof plan !== "object" || plan === null || typeof plan.format_version !== "string") {
    throw new Error("not the output of `terraform show -json <plan file>` (no format_version)");
  }
  return summarizeResourceChanges(plan.resource_changes ?? [], strippedImports);
}

/** `plan -json` action names as `show -json` action lists. */
const LOG_ACTIONS: Record<string, string[]> = {
  create: ["create"],
  update: ["update"],
  delete: ["delete"],
  replace: ["delete", "create"],
  read: ["read"],
  noop: ["no-op"],
  import: ["no-op"],
  move: ["no-op"],
  remove: ["forget"],
  forget: ["forget"],
};

/** Resource changes from the `planned_change` lines of `terraform plan -json` (addresses and actions only). */
export function resourceChangesFromPlanLog(stdout: string): ResourceChange[] {
  const out: ResourceChange[] = [];
  for (const line of stdout.split("\n")) {
    if (!line.includes('"planned_change"')) continue;
    let msg: {
      type?: string;
      change?: {
        action?: string;
        reason?: string;
        importing?: { id?: string };
        resource?: { addr?: string; resource_type?: string; resource_name?: string };
      };
    };
    try {
      msg = JSON.parse(line) as typeof msg;
    } catch {
      continue;
    }
    const c = msg.change;
    if (msg.type !== "planned_change" || !c?.resource?.addr || !c.action) continue;
    const address = c.resource.addr;
    out.push({
      address,
      mode: /^(module\.[^.[]+(\[[^\]]*\])?\.)*data\./.test(address) ? "data" : "managed",
      type: c.resource.resource_type ?? "",
      name: c.resource.resource_name ?? "",
      change: { actions: LOG_ACTIONS[c.action] ?? [c.action], ...(c.importing ? { importing: c.importing } : {}) },
      ...(c.reason ? { action_reason: c.reason } : {}),
    });
  }
  return out;
}

/** Counts resource changes (from show -json or from the plan log); creates of stripped imports count as imports. */
export function summarizeResourceChanges(changes: readonly ResourceChange[], strippedImports: ImportBlock[] = []): PlanSummary {
  const importIds = new Map(strippedImports.map((i) => [i.to, i.id]));
  const summary: PlanSummary = { add: 0, change: 0, destroy: 0, replace: 0, imports: [], resourceChanges: [] };

  for (const rc of changes) {
    if (rc.mode !== "managed") continue;
    const actions = rc.change.actions;
    if (rc.change.importing) {
      // An import Terraform did plan (only with AWS): counted as an import, plus any update it carries.
      summary.imports.push({ address: rc.address, id: rc.change.importing.id ?? importIds.get(rc.address) ?? "" });
      if (actions.includes("update")) summary.change++;
      summary.resourceChanges.push(rc);
      continue;
    }
    if (actions.length === 1 && actions[0] === "no-op") continue;
    summary.resourceChanges.push(rc);
    if (isReplace(actions)) summary.replace++;
    else if (actions.length === 1 && actions[0] === "create") {
      if (importIds.has(rc.address)) {
        summary.imports.push({ address: rc.address, id: importIds.get(rc.address)! });
      } else summary.add++;
    } else if (actions.length === 1 && actions[0] === "update") summary.change++;
    else if (actions.length === 1 && actions[0] === "delete") summary.destroy++;
  }
  // An import block whose resource is already in state (a seeded state) does nothing in Terraform either: not listed.
  return summary;
}

/** Addresses by what the plan does to them, for showing a plan to a person before it is applied. */
export interface PlanLists {
  readonly create: string[];
  readonly update: string[];
  readonly replace: string[];
  readonly delete: string[];
  readonly import: string[];
}

export function planLists(plan: PlanJson): PlanLists {
  const s: PlanLists = { create: [], update: [], replace: [], delete: [], import: [] };
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode === "data") continue;
    const actions = rc.change.actions;
    if (rc.change.importing !== undefined) s.import.push(rc.address);
    if (actions.length === 1 && actions[0] === "create") s.create.push(rc.address);
    else if (actions.length === 1 && actions[0] === "update") s.update.push(rc.address);
    else if (actions.length === 1 && actions[0] === "delete") s.delete.push(rc.address);
    else if (isReplace(actions)) s.replace.push(rc.address);
  }
  return s;
}

export function changeCount(s: PlanLists): number {
  return s.create.length + s.update.length + s.replace.length + s.delete.length + s.import.length;
}

/** "org stack plan: 7 to create, ..." and one line per address. */
export function describePlan(label: string, s: PlanLists): string[] {
  return [
    `${label} plan: ${s.create.length} to create, ${s.update.length} to update in place, ${s.replace.length} to replace, ${s.delete.length} to destroy, ${s.import.length} to import`,
    ...s.create.map((a) => `  + ${a}`),
    ...s.update.map((a) => `  ~ ${a}`),
    ...s.replace.map((a) => `  -/+ ${a}`),
    ...s.delete.map((a) => `  - ${a}`),
    ...s.import.map((a) => `  <= ${a} (import)`),
  ];
}
