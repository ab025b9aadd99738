/**
 * `drift`: does AWS still look like what the stacks' state and code say?
 * What the Tools account's scheduled drift pipeline runs (tools/buildspecs.ts),
 * and what a platform engineer runs after someone "fixed" something in the
 * console. For each stack (every stack of the registry, or the named ones)
 * it plans against the real state with a refresh, applies nothing, and
 * lists what the plan would change. A stack that cannot be planned yet (its
 * account has no id, it or a stack it reads was never applied) is listed as
 * not deployed, never skipped in silence. Any drift, or any stack that fails to
 * plan, fails the command (exit 1), naming the stacks.
 */
import { existsSync } from "node:fs";
import type { OrgConfig } from "../../config/model.ts";
import { planAgain } from "../../engine/apply.ts";
import { changeCount, describePlan, type PlanLists } from "../../engine/plan.ts";
import { deployBlockers, stackEntries, type StackEntry } from "../../stacks/registry.ts";
import { loadCurrent } from "../config-files.ts";
import { localStatePath } from "../org-outputs.ts";
import { CliError, UsageError, type Io, type Workspace } from "../io.ts";
import type { RunAs } from "../../stacks/run-as.ts";
import { checkCredentialsFor, stackTerraform } from "../stack-terraform.ts";
import { terraformStep } from "../../engine/stack-terraform.ts";
import { runnerEntryOf, synthesizeEveryStack } from "./deploy.ts";

export interface DriftOptions {
  /** Stack ids; default: every stack of the organization (as a runner: every app stack). */
  readonly stacks?: readonly string[];
  /**
   * runner: the credentials are the Tools account's drift runner (the
   * scheduled drift run): each app stack is planned through its
   * environment's read-only drift role (stacks/run-as.ts); the shared stacks
   * are out of its reach. Default operator.
   */
  readonly as?: string;
}

export type DriftVerdict =
  | { readonly stack: string; readonly kind: "in-sync" }
  | { readonly stack: string; readonly kind: "drift"; readonly lists: PlanLists }
  | { readonly stack: string; readonly kind: "not-deployed"; readonly why: readonly string[] }
  | { readonly stack: string; readonly kind: "failed"; readonly error: string };

function chosenStacks(all: readonly StackEntry[], names: readonly string[] | undefined): StackEntry[] {
  if (names === undefined || names.length === 0) return [...all];
  const unknown = names.filter((n) => !all.some((s) => s.id === n));
  if (unknown.length > 0) throw new CliError(`there is no stack ${unknown.join(", ")} (stacks: ${all.map((s) => s.id).join(", ")})`);
  return all.filter((s) => names.includes(s.id));
}

/** --as: operator (the default) or runner. */
function driftRunAs(as: string | undefined): RunAs {
  if (as === undefined || as === "operator") return "operator";
  if (as === "runner") return "drift-runner";
  throw new UsageError(`--as ${as}: give operator (management account credentials, the default) or runner (the Tools account's drift runner, as the scheduled drift run)`);
}

/** The drift runner reaches the app stacks only: it says which stacks it leaves to an operator, and refuses a named shared stack. */
function chosenAppStacks(io: Io, all: readonly StackEntry[], names: readonly string[] | undefined): StackEntry[] {
  const chosen = chosenStacks(all, names);
  const shared = chosen.filter((s) => s.folder !== "app").map((s) => s.id);
  if (names !== undefined && names.length > 0 && shared.length > 0) {
    throw new UsageError(`--as runner checks app stacks only; ${shared.join(", ")} need the management account's credentials (run npm run drift -- ${shared.join(" ")} without --as runner)`);
  }
  if (shared.length > 0)
    io.out(`${shared.join(", ")}: not checked by the drift runner, which reaches only the app stacks (check them with the management account's credentials: npm run drift -- ${shared.join(" ")})`);
  return chosen.filter((s) => s.folder === "app");
}

/** Why the stack cannot be checked: what blocks a deploy, and (local backend) a stack never applied. */
function notCheckable(config: OrgConfig, entry: StackEntry): string[] {
  const why = deployBlockers(config, entry, existsSync);
  const own = localStatePath(config, entry.id);
  if (own !== undefined && !existsSync(own)) why.push(`stack ${entry.id} has no state yet (${own}): it was never applied (npm run deploy -- ${entry.id})`);
  return why;
}

export async function runDrift(ws: Workspace, io: Io, options: DriftOptions = {}): Promise<DriftVerdict[]> {
  const runAs = driftRunAs(options.as);
  const config = loadCurrent(ws);
  const all = stackEntries(config);
  const chosen = runAs === "operator" ? chosenStacks(all, options.stacks) : chosenAppStacks(io, all, options.stacks);
  const blocked = new Map(chosen.map((s) => [s.id, notCheckable(config, s)]));
  const deployable = chosen.filter((s) => blocked.get(s.id)!.length === 0);
  // Credentials first, for every stack: a wrong profile fails in seconds, before any synth or plan.
  for (const entry of deployable) await checkCredentialsFor(ws, entry.account, `${entry.id} stack`, runnerEntryOf(config, entry, runAs)?.roleName);
  const dirs = deployable.length > 0 ? await synthesizeEveryStack(ws, io, runAs) : new Map<string, string>();

  const verdicts: DriftVerdict[] = [];
  for (const entry of chosen) {
    const why = blocked.get(entry.id)!;
    if (why.length > 0) {
      verdicts.push({ stack: entry.id, kind: "not-deployed", why });
      continue;
    }
    const stack = stackTerraform(ws, dirs.get(entry.id)!);
    try {
      await terraformStep(stack, ["init", "-input=false"]);
      const lists = await planAgain(stack);
      verdicts.push(changeCount(lists) === 0 ? { stack: entry.id, kind: "in-sync" } : { stack: entry.id, kind: "drift", lists });
    } catch (error) {
      verdicts.push({ stack: entry.id, kind: "failed", error: error instanceof Error ? error.message : String(error) });
    }
  }
  report(io, verdicts);
  return verdicts;
}

function report(io: Io, verdicts: readonly DriftVerdict[]): void {
  for (const v of verdicts) {
    if (v.kind === "in-sync") io.out(`${v.stack}: no drift (AWS matches the state and the code)`);
    else if (v.kind === "not-deployed") io.out(`${v.stack}: not deployed yet, not checked:\n${v.why.map((w) => `  - ${w}`).join("\n")}`);
    else if (v.kind === "failed") io.err(`${v.stack}: could not be planned: ${v.error}`);
    else for (const line of describePlan(`${v.stack}: drift: the`, v.lists)) io.out(line);
  }
  const drifted = verdicts.filter((v) => v.kind === "drift").map((v) => v.stack);
  const failed = verdicts.filter((v) => v.kind === "failed").map((v) => v.stack);
  const problems = [
    ...(drifted.length > 0
      ? [`drift in ${drifted.join(", ")}: AWS differs from what the code and state say (put it back with npm run deploy -- <stack>, or change config/ to what AWS should be)`]
      : []),
    ...(failed.length > 0 ? [`could not check ${failed.join(", ")} (see above)`] : []),
  ];
  if (problems.length > 0) throw new CliError(problems.join("; "));
  const checked = verdicts.filter((v) => v.kind === "in-sync").length;
  const waiting = verdicts.length - checked;
  io.out(
    checked === 0 ? "nothing checked: no stack is deployed yet (listed above)" : `no drift in ${checked} stack(s)${waiting > 0 ? `; ${waiting} not deployed yet, not checked (listed above)` : ""}`,
  );
}
