/**
 * The destroy guard: which protected resources a Terraform plan would delete
 * or replace, and why. Input: the JSON of `terraform show -json <planfile>`.
 */
import type { PlanJson, ResourceChange } from "../plan.ts";
import { PROTECTED_TYPES } from "./protected-types.ts";

export interface Finding {
  readonly address: string;
  readonly type: string;
  /** What the resource is ("an AWS account"). */
  readonly what: string;
  readonly action: "delete" | "replace";
  /** "delete because it is no longer in the configuration", "replace because bucket changed ("a" -> "b")" */
  readonly why: string;
  /** True when the caller allowed this address explicitly (--allow). */
  readonly allowed: boolean;
}

/** Input that is not a plan the guard can judge: exit 2, not "no findings". */
export class NotAPlanError extends Error {
  override readonly name = "NotAPlanError";
}

export interface GuardOptions {
  /** Addresses the operator deliberately allows to be deleted or replaced. */
  readonly allow?: readonly string[];
}

const DELETE_REASONS: Readonly<Record<string, string>> = {
  delete_because_no_resource_config: "it is no longer in the configuration",
  delete_because_no_module: "its module is no longer in the configuration",
  delete_because_wrong_repetition: "its count/for_each changed shape",
  delete_because_count_index: "its count index is out of range",
  delete_because_each_key: "its for_each key is gone",
  delete_because_no_move_target: "it was moved to an address that does not exist",
};

const REPLACE_REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: "it is tainted",
  replace_by_request: "a -replace was requested",
  replace_by_triggers: "replace_triggered_by fired",
};

export function parsePlan(plan: unknown): PlanJson {
  if (typeof plan !== "object" || plan === null || Array.isArray(plan)) throw new NotAPlanError("not a JSON object");
  const p = plan as PlanJson;
  if (typeof p.format_version !== "string" || p.planned_values === undefined) {
    throw new NotAPlanError(p.values !== undefined ? "this is a state, not a plan (run terraform show -json on a plan file)" : "not the JSON of `terraform show -json <planfile>`");
  }
  if (p.errored === true) throw new NotAPlanError("the plan errored, so it is incomplete and cannot be checked (or applied)");
  if (p.resource_changes !== undefined && !Array.isArray(p.resource_changes)) throw new NotAPlanError("resource_changes is not a list");
  return p;
}

/** Every delete or replace of a protected resource, in plan order. Throws NotAPlanError on input that is not a plan. */
export function findProtectedChanges(plan: unknown, options: GuardOptions = {}): Finding[] {
  const changes = parsePlan(plan).resource_changes ?? [];
  const allow = new Set(options.allow ?? []);
  const findings: Finding[] = [];
  for (const rc of changes) {
    if (rc.mode !== undefined && rc.mode !== "managed") continue;
    const what = PROTECTED_TYPES[rc.type];
    const actions = rc.change.actions;
    if (what === undefined || !actions.includes("delete")) continue;
    const action = actions.includes("create") ? "replace" : "delete";
    const why = action === "replace" ? `replace because ${replaceReason(rc)}` : `delete because ${deleteReason(rc, changes)}`;
    findings.push({ address: rc.address, type: rc.type, what, action, why, allowed: allow.has(rc.address) });
  }
  return findings;
}

function deleteReason(rc: ResourceChange, all: readonly ResourceChange[]): string {
  if (rc.deposed !== undefined) return `it is the deposed object ${rc.deposed} left by an earlier replacement`;
  const reason = (rc.action_reason && DELETE_REASONS[rc.action_reason]) ?? "the plan destroys it";
  if (rc.action_reason !== "delete_because_no_resource_config") return reason;
  // A renamed construct id looks exactly like this: the old address goes, a new one of the same type comes.
  const created = all.filter((c) => c.type === rc.type && c.change.actions.length === 1 && c.change.actions[0] === "create").map((c) => c.address);
  if (created.length === 0) return reason;
  return `${reason}; the plan creates ${created.join(", ")}: if that is this object under a new name, keep it with moveTo or a moved block`;
}

function replaceReason(rc: ResourceChange): string {
  const special = rc.action_reason && REPLACE_REASONS[rc.action_reason];
  if (special) return special;
  const paths = rc.change.replace_paths ?? [];
  if (paths.length === 0) return "the provider cannot update it in place";
  const changed = paths.map((path) => {
    const name = path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
    const before = valueAt(rc.change.before, path);
    const after = valueAt(rc.change.after, path);
    const scalar = (v: unknown) => typeof v === "string" || typeof v === "number" || typeof v === "boolean";
    return scalar(before) && scalar(after) ? `${name} (${JSON.stringify(before)} -> ${JSON.stringify(after)})` : name;
  });
  return `${changed.join(", ")} changed, which cannot be updated in place`;
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let v = value;
  for (const p of path) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

/** What the CLI prints: one line per finding and, when something is refused, what to do. */
export function formatFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return "guard: the plan deletes or replaces no protected resource.\n";
  const refused = findings.filter((f) => !f.allowed);
  const line = (f: Finding) => `  - ${f.address} (${f.what}): ${f.why}${f.allowed ? " [allowed by --allow]" : ""}\n`;
  const head =
    refused.length === 0
      ? `guard: the plan deletes or replaces ${findings.length} protected resource${findings.length === 1 ? "" : "s"}, each allowed explicitly:\n`
      : `guard: refused: the plan would ${refused.length === 1 ? "delete or replace a protected resource" : `delete or replace ${refused.length} protected resources`}:\n`;
  const advice =
    refused.length === 0
      ? ""
      : "Nothing was applied. If a construct id was renamed, keep the object with `resource.moveTo(...)` or a moved block; " +
        "if a replacement comes from a changed attribute, change it back or migrate by hand; " +
        "an account is retired with `npm run accounts -- retire <name>` (moved to the suspended OU), never deleted by Terraform. " +
        "If the loss is intended, run the guard again with --allow <address> for each resource above.\n";
  return head + findings.map(line).join("") + advice;
}

export interface GuardResult {
  /** False when a protected resource would be deleted or replaced without --allow. */
  readonly ok: boolean;
  readonly findings: readonly Finding[];
  /** The text the CLI prints. */
  readonly report: string;
}

/** For the deploy script and the preview: judge a parsed plan. Throws NotAPlanError on input that is not a plan. */
export function guardPlan(plan: unknown, options: GuardOptions = {}): GuardResult {
  const findings = findProtectedChanges(plan, options);
  return { ok: findings.every((f) => f.allowed), findings, report: formatFindings(findings) };
}
