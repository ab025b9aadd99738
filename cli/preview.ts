/**
 * npm run preview: what a first apply of every stack would do, with no AWS
 * credentials and nothing changed anywhere. Synthesizes the example (or
 * $ORG_CONFIG_DIR) config into cdktf.out, then plans a copy of each stack
 * offline with the real Terraform and AWS provider (engine/).
 *
 * $PREVIEW_WORK_ROOT moves the per-stack work copies (default .preview/).
 *
 * A stack with a local state file is planned against it (not refreshed);
 * every plan goes through the destroy guard (engine/guard/).
 *
 * Exit code: 0 when every stack planned, 1 when the config is invalid, a
 * stack could not be planned, or the guard refused a plan.
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import type { OrgConfig } from "../config/model.ts";
import { buildAllStacks } from "../stacks/all-stacks.ts";
import { localStateFile, PENDING_ACCOUNT_ADVICE, PENDING_ACCOUNT_ID } from "../naming/names.ts";
import { stackEntries } from "../stacks/registry.ts";
import { configDirFrom } from "../config/location.ts";
import { synthesizeOrThrow } from "../stacks/synthesize.ts";
import { formatPlanTable } from "./preview/plan-table.ts";
import { formatBreakdown } from "./preview/plan-breakdown.ts";
import { estimateIdleCost, formatIdleCosts, type TerraformResources } from "./preview/idle-cost.ts";
import { planStacksOffline, type StackPlanResult } from "../engine/verify-stacks.ts";
import { guardPlan } from "../engine/guard/index.ts";
import { runGuardrailExpectations } from "../org/guardrails/expectations/run.ts";
import { spawnRunner } from "../engine/runner.ts";
import { findAffected } from "./commands/affected.ts";
import { createProgress, terminalSink } from "./progress.ts";

const REPO_ROOT = join(import.meta.dirname, "..");

async function main(): Promise<number> {
  const started = performance.now();
  let synthesized;
  try {
    synthesized = synthesizeOrThrow({ configDir: configDirFrom(process.env) }, buildAllStacks);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\nNothing was written.\n`);
    return 1;
  }
  const { config, warnings } = synthesized;
  let { stackDirs } = synthesized;
  for (const warning of warnings) process.stdout.write(`${warning}\n`);
  process.stdout.write(`Synthesized ${stackDirs.length} stack(s) in ${seconds(started)}; planning offline (no AWS calls, nothing applied)...\n\n`);
  if (process.argv.includes("--affected")) {
    // Only what the change touches: both revisions synthesized and compared (npm run affected).
    const { affected, base } = await findAffected({ run: spawnRunner, repoRoot: REPO_ROOT, env: process.env });
    stackDirs = stackDirs.filter((d) => affected.includes(basename(d)));
    process.stdout.write(affected.length === 0 ? `--affected: no stack differs from ${base}; nothing to plan\n\n` : `--affected: planning only ${affected.join(", ")} (they differ from ${base})\n\n`);
  }

  const seedState = recordedLocalStates(config, stackDirs);
  for (const [stack, file] of Object.entries(seedState)) {
    process.stdout.write(`${stack}: planned against ${relative(process.cwd(), file) || file} as recorded (not refreshed from AWS)\n`);
  }
  const progress = createProgress(
    terminalSink((line) => process.stdout.write(`${line}\n`)),
    { words: { running: "planning", done: "planned" }, total: stackDirs.length },
  );
  const results = await planStacksOffline(stackDirs, {
    step: progress.step,
    seedState,
    ...(process.env.PREVIEW_WORK_ROOT !== undefined && { workRoot: process.env.PREVIEW_WORK_ROOT }),
    ...(config.managementAccount.accountId !== undefined && { managementAccountId: config.managementAccount.accountId }),
    region: config.defaultRegion,
    showPlanJson: true,
  }).finally(() => progress.close());
  process.stdout.write("\n");
  addRegistryNotes(config, results);
  const table = formatPlanTable(results) + formatBreakdown(results) + "\n" + formatIdleCosts(stackDirs.map(idleCostOf));
  process.stdout.write(table);
  const failed = results.filter((r) => r.error);
  const refused = guardEveryPlan(results);
  const planned = `${results.length - failed.length} of ${results.length} stack(s) planned in ${seconds(started)}.`;
  process.stdout.write(`\n${planned}\n`);
  // In a GitHub Actions job, the same table on the run's summary page, where a pull request's reviewers look.
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (summary) appendFileSync(summary, `## Offline preview\n\n${planned}\n\n\`\`\`\n${table.trimEnd()}\n\`\`\`\n`);
  // What the SCPs of this plan allow and deny, judged against config/guardrail-expectations.yaml (npm run guardrails).
  process.stdout.write("\nGuardrail expectations:\n");
  const guardrails = await runGuardrailExpectations(config);
  process.stdout.write(guardrails.report);
  return failed.length > 0 || refused > 0 || !guardrails.ok ? 1 : 0;
}

/**
 * What the plan stands on that is not real yet, said next to the numbers: a
 * stack whose accounts have no id yet is planned against the placeholder
 * id; an upstream stack not applied yet is read as its contract's
 * placeholders.
 */
function addRegistryNotes(config: OrgConfig, results: StackPlanResult[]): void {
  const entries = new Map(stackEntries(config).map((e) => [e.id, e]));
  for (const r of results) {
    const entry = entries.get(r.stack);
    if (!entry) continue;
    for (const n of r.notPlanned) {
      const producer = /terraform_remote_state\.remote-state-([\w-]+)/.exec(n.what)?.[1];
      const folder = producer === undefined ? undefined : entries.get(producer)?.folder;
      if (folder !== undefined) n.why = `${n.why}: clearly fake placeholders from ${folder}/outputs.ts until ${producer} is applied`;
    }
    r.notPlanned.unshift(
      ...entry.waitsFor.map((a) => ({ what: `account ${a.name}`, why: `${PENDING_ACCOUNT_ADVICE}: planned against the placeholder id ${PENDING_ACCOUNT_ID}; deploy refuses until then` })),
    );
  }
}

/** The fixed monthly charges of everything the stack's synthesized Terraform creates. */
function idleCostOf(stackDir: string) {
  const json = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as { resource?: TerraformResources };
  return estimateIdleCost(basename(stackDir), json.resource ?? {});
}

/** The destroy guard on every plan: a first apply never trips it, a plan against existing state can. */
function guardEveryPlan(results: readonly StackPlanResult[]): number {
  let refused = 0;
  for (const r of results) {
    if (r.planJson === undefined) continue;
    const verdict = guardPlan(r.planJson);
    if (verdict.ok) continue;
    refused++;
    process.stdout.write(`\nDESTROY GUARD: ${r.stack} would delete or replace protected resources:\n${verdict.report}`);
  }
  return refused;
}

/**
 * With the local backend, a stack that was applied has its state under
 * state/: plan against it (without refreshing, which would need AWS), so the
 * preview shows the change a deploy would make, and the destroy guard has
 * something to judge. S3 state cannot be read offline; those stacks are
 * planned as first applies.
 */
function recordedLocalStates(config: OrgConfig, stackDirs: readonly string[]): Record<string, string> {
  if (config.state.backend !== "local") return {};
  const seeds: Record<string, string> = {};
  for (const stack of stackDirs.map((d) => basename(d))) {
    const file = join(config.state.localDirectory, localStateFile(stack));
    if (existsSync(file)) seeds[stack] = file;
  }
  return seeds;
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`preview failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
