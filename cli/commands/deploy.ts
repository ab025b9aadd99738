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
import { deployBlockers, stackEntries } from "../../stacks/registry.ts";
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
  await checkCredentialsFor(ws, entry.account, `${entry.id} stack`);
  const dirs = await synthesizeEveryStack(ws, io);
  const dir = dirs.get(options.stack)!;
  io.out(`synthesized every stack; deploying ${relative(ws.repoRoot, dir)}`);
  const progress = createProgress(io.progress, { words: { running: "deploying", done: "deployed" }, endLinesOnly: true });
  return progress.step(options.stack, () => deployStackDir(ws, io, options.stack, dir, options));
}

/** Every stack into <repo>/cdktf.out, as `npm run synth` does; returns stack id -> folder. */
export async function synthesizeEveryStack(ws: Workspace, io: Io): Promise<Map<string, string>> {
  // Loaded on demand: cdktf and the provider bindings are not needed by the other commands.
  const [{ synthesizeOrThrow }, { buildAllStacks }] = await Promise.all([import("../../stacks/synthesize.ts"), import("../../stacks/all-stacks.ts")]);
  const { stackDirs, warnings } = synthesizeOrThrow({ configDir: ws.configDir, outdir: join(ws.repoRoot, "cdktf.out") }, buildAllStacks);
  for (const warning of warnings) io.err(warning);
  return new Map(stackDirs.map((d) => [d.split(/[\\/]/).at(-1)!, d]));
}

/** Plan, guard, confirm and apply one synthesized stack folder. */
export function deployStackDir(ws: Workspace, io: Io, stackId: string, dir: string, options: Omit<DeployOptions, "stack"> = {}): Promise<AppliedPlan> {
  return guardedApply(stackTerraform(ws, dir), { out: io.out, confirm: (message) => io.prompt.confirm({ message, default: false }) }, `${stackId} stack`, options);
}
