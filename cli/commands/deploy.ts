/**
 * `deploy <stack>`: the guarded way to apply any stack of the organization.
 * Synthesizes every stack (as `npm run synth` does, into <repo>/cdktf.out),
 * then plans the named one, runs the destroy guard on the saved plan, asks,
 * and applies exactly that plan. `cdktf deploy` plans and applies in one
 * step, so nothing can check the plan in between: use this instead.
 */
import { join, relative } from "node:path";
import { guardedApply, type CheckPlan } from "../guarded-apply.ts";
import { CliError, UsageError, type Io, type Workspace } from "../io.ts";

export interface DeployOptions {
  readonly stack: string;
  readonly autoApprove?: boolean;
  readonly allowDestroy?: readonly string[];
  /** Default: the destroy guard. */
  readonly checkPlan?: CheckPlan;
}

export async function runDeploy(ws: Workspace, io: Io, options: DeployOptions): Promise<void> {
  if (!options.autoApprove && !io.interactive) {
    throw new UsageError(
      `deploy applies stack ${options.stack} to AWS and asks for a confirmation first, but there is no terminal to ask on ` +
        "(review what it would do with: npm run preview, then re-run with --auto-approve)",
    );
  }
  // Loaded on demand: cdktf and the provider bindings are not needed by the other commands.
  const [{ synthesizeOrThrow }, { buildAllStacks }] = await Promise.all([
    import("../../stacks/synthesize.ts"),
    import("../../stacks/all-stacks.ts"),
  ]);
  const { stackDirs, warnings } = synthesizeOrThrow({ configDir: ws.configDir, outdir: join(ws.repoRoot, "cdktf.out") }, buildAllStacks);
  for (const warning of warnings) io.err(warning);
  const ids = stackDirs.map((d) => d.split(/[\\/]/).at(-1)!);
  const dir = stackDirs[ids.indexOf(options.stack)];
  if (dir === undefined) throw new CliError(`there is no stack ${options.stack} (stacks: ${ids.join(", ")})`);
  io.out(`synthesized every stack; deploying ${relative(ws.repoRoot, dir)}`);
  await guardedApply(ws, io, dir, `${options.stack} stack`, options);
}
