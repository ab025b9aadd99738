/**
 * `deploy <stack>`: the guarded way to apply any stack of the organization.
 * Synthesizes every stack (as `npm run synth` does, into <repo>/cdktf.out),
 * then plans the named one, runs the destroy guard on the saved plan, asks,
 * and applies exactly that plan. `cdktf deploy` plans and applies in one
 * step, so nothing can check the plan in between: use this instead.
 */
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { guardedApply, type AppliedPlan, type CheckPlan } from "../../engine/apply.ts";
import type { OrgConfig } from "../../config/model.ts";
import { appStackId } from "../../naming/names.ts";
import { deployBlockers, stackEntries, type StackEntry } from "../../stacks/registry.ts";
import { runnerEntry, type RunAs, type RunnerEntry } from "../../stacks/run-as.ts";
import { loadCurrent } from "../config-files.ts";
import { CliError, UsageError, type Io, type Workspace } from "../io.ts";
import { checkCredentialsFor, stackTerraform } from "../stack-terraform.ts";
import { createProgress } from "../progress.ts";

export interface DeployOptions {
  readonly stack: string;
  readonly autoApprove?: boolean;
  readonly allowDestroy?: readonly string[];
  /** Default: the destroy guard. */
  readonly checkPlan?: CheckPlan;
  /** Whose credentials run it (stacks/run-as.ts); default operator. A runner runs only app stacks. */
  readonly runAs?: RunAs;
}

export async function runDeploy(ws: Workspace, io: Io, options: DeployOptions): Promise<AppliedPlan> {
  if (!options.autoApprove && !io.interactive) {
    throw new UsageError(
      `deploy applies stack ${options.stack} to AWS and asks for a confirmation first, but there is no terminal to ask on ` +
        "(review what it would do with: npm run preview, then re-run with --auto-approve)",
    );
  }
  const config = loadCurrent(ws);
  const entries = stackEntries(config);
  const entry = entries.find((s) => s.id === options.stack);
  if (!entry) throw new CliError(`there is no stack ${options.stack} (stacks: ${entries.map((s) => s.id).join(", ")})`);
  // An account without an id, or an upstream stack never applied: refuse before anything runs.
  const blockers = deployBlockers(config, entry, existsSync);
  if (blockers.length > 0) throw new CliError(`cannot deploy ${options.stack} yet:\n${blockers.map((b) => `  - ${b}`).join("\n")}`);
  const runAs = options.runAs ?? "operator";
  const runner = runnerEntryOf(config, entry, runAs);
  await checkCredentialsFor(ws, entry.account, `${entry.id} stack`, runner?.roleName);
  const dirs = await synthesizeEveryStack(ws, io, runAs);
  const dir = dirs.get(options.stack)!;
  io.out(`synthesized every stack; deploying ${relative(ws.repoRoot, dir)}`);
  const progress = createProgress(io.progress, { words: { running: "deploying", done: "deployed" }, endLinesOnly: true });
  return progress.step(options.stack, () => deployStackDir(ws, io, options.stack, dir, options));
}

/** Every stack into <repo>/cdktf.out, as `npm run synth` does; returns stack id -> folder. */
export async function synthesizeEveryStack(ws: Workspace, io: Io, runAs: RunAs = "operator"): Promise<Map<string, string>> {
  // Loaded on demand: cdktf and the provider bindings are not needed by the other commands.
  const [{ synthesizeOrThrow }, { buildAllStacks }] = await Promise.all([import("../../stacks/synthesize.ts"), import("../../stacks/all-stacks.ts")]);
  const { stackDirs, warnings } = synthesizeOrThrow({ configDir: ws.configDir, outdir: join(ws.repoRoot, "cdktf.out"), runAs }, buildAllStacks);
  for (const warning of warnings) io.err(warning);
  return new Map(stackDirs.map((d) => [d.split(/[\\/]/).at(-1)!, d]));
}

/** Plan, guard, confirm and apply one synthesized stack folder. */
export function deployStackDir(ws: Workspace, io: Io, stackId: string, dir: string, options: Omit<DeployOptions, "stack"> = {}): Promise<AppliedPlan> {
  return guardedApply(stackTerraform(ws, dir), { out: io.out, confirm: (message) => io.prompt.confirm({ message, default: false }) }, `${stackId} stack`, options);
}

/**
 * How a runner enters the stack's account (its environment's deploy or drift
 * role); undefined for an operator. A runner cannot run a shared stack: only
 * the management account can reach org, dns, corp and tools.
 */
export function runnerEntryOf(config: OrgConfig, entry: StackEntry, runAs: RunAs): RunnerEntry | undefined {
  if (runAs === "operator") return undefined;
  const environment = entry.folder === "app" ? config.environments.find((e) => appStackId(e.name) === entry.id) : undefined;
  if (environment === undefined) {
    throw new UsageError(
      `stack ${entry.id} cannot run as a Tools-account runner: only the app stacks can (org, dns, corp and tools need the management account's credentials; run without --as runner)`,
    );
  }
  return runnerEntry(runAs, environment.name);
}
