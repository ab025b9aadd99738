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
import { relative } from "node:path";
import { configWarnings } from "../../config/model.ts";
import { loadCurrent } from "../config-files.ts";
import { guardedApply, type AppliedPlan, type CheckPlan } from "../../engine/apply.ts";
import { checkCredentialsFor, stackTerraform } from "../stack-terraform.ts";
import { UsageError, type Io, type Workspace } from "../io.ts";
import { orgOutputsReader, synthOrgStack, type OrgOutputsReader, type SynthOrg } from "../org-outputs.ts";
import { runSync } from "./sync.ts";
import { createProgress } from "../progress.ts";

export { acceptEveryPlan, PLAN_FILE, type CheckPlan } from "../../engine/apply.ts";
export type { PlanJson } from "../../engine/plan.ts";

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

export async function runProvision(ws: Workspace, io: Io, options: ProvisionOptions = {}): Promise<AppliedPlan> {
  if (!options.autoApprove && !io.interactive) {
    throw new UsageError(
      "provision applies the org stack to AWS and asks for a confirmation first, but there is no terminal to ask on " +
        "(review what it would do with: npm run preview, then re-run with --auto-approve)",
    );
  }
  const config = loadCurrent(ws);
  for (const warning of configWarnings(config)) io.err(warning);

  await checkCredentialsFor(ws, config.managementAccount, "org stack");
  const dir = await (options.synth ?? synthOrgStack)(ws);
  io.out(`synthesized the org stack into ${relative(ws.repoRoot, dir) || "."}`);
  const progress = createProgress(io.progress, { words: { running: "applying", done: "applied" }, endLinesOnly: true });
  const applied = await progress.step("org", () => guardedApply(stackTerraform(ws, dir), { out: io.out, confirm: (message) => io.prompt.confirm({ message, default: false }) }, "org stack", options));
  io.out("writing the ids of new accounts into the config (accounts sync):");
  await runSync(ws, io, { reader: options.reader ?? orgOutputsReader(ws, loadCurrent(ws), options.synth) });
  return applied;
}
