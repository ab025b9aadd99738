/**
 * Real Terraform plans of the org stack, offline: the example config copied
 * to a temp repo, synthesized, planned with the offline runner
 * (engine/: STS stub, work dir with a local backend and a seeded
 * state, init/plan/show) against a state seeded "as if applied".
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OrgStack } from "../../../../org/org-stack.ts";
import { offlineTerraformEnv } from "../../../../engine/targets/offline-env.ts";
import { findProviderMirror, writeTerraformCliConfig } from "../../../../engine/provider-mirror.ts";
import { startStsStub, type StsStub } from "../../../../engine/targets/sts-stub.ts";
import { terraformInit, terraformPlan, terraformShowPlan, type TerraformContext } from "../../../../engine/terraform.ts";
import { prepareWorkDir } from "../../../../engine/workdir.ts";
import { synthesizeOrThrow } from "../../../../stacks/synthesize.ts";
import { tempRepo, type TempRepo } from "../../../helpers/example-config.ts";
import { pendingChanges, resourcesFromPlan, stateJson, type PlanJson } from "./seed-state.ts";

const MANAGEMENT_ACCOUNT = "111111111111";
const MAX_SEED_ROUNDS = 4;

export interface PlanOptions {
  /** Simulates prevent_destroy removed in code: deletes lifecycle.prevent_destroy from every resource of the work copy. */
  readonly withoutPreventDestroy?: boolean;
}

export class OfflineOrg {
  private constructor(
    readonly root: string,
    private readonly stub: StsStub,
    private readonly env: Record<string, string>,
  ) {}

  private seedFile: string | undefined;

  /** The state file `seed()` settled on: the example org stack as if applied. */
  get seededState(): string {
    if (this.seedFile === undefined) throw new Error("seed() first");
    return this.seedFile;
  }
  private runs = 0;
  /** How many plans seeding took (for the test's own report). */
  seedRounds = 0;

  static async start(): Promise<OfflineOrg> {
    const mirror = findProviderMirror();
    if (mirror === undefined) throw new Error("no filesystem mirror with hashicorp/aws (set TF_PROVIDER_MIRROR)");
    const root = mkdtempSync(join(tmpdir(), "guard-plans-"));
    const cliConfigFile = writeTerraformCliConfig(mirror, join(root, "terraform-cli"));
    const stub = await startStsStub({ managementAccountId: MANAGEMENT_ACCOUNT });
    return new OfflineOrg(root, stub, offlineTerraformEnv({ stubEndpoint: stub.endpoint, cliConfigFile }));
  }

  async close(): Promise<void> {
    await this.stub.close();
    rmSync(this.root, { recursive: true, force: true });
  }

  /** Calls that were not STS: an offline plan must make none. */
  unexpectedCalls(): string[] {
    return this.stub.unexpectedCalls().map((c) => `${c.service} ${c.action}`);
  }

  /** A copy of the example config, changed by `change`; synthesized org stack dir. */
  synthesize(change: (repo: TempRepo) => void = () => undefined): string {
    const repo = tempRepo();
    try {
      change(repo);
      const out = join(this.root, `synth-${++this.runs}`);
      synthesizeOrThrow({ configDir: repo.configDir, outdir: out }, (app, config) => {
        new OrgStack(app, { config });
      });
      return join(out, "stacks", "org");
    } finally {
      repo.cleanup();
    }
  }

  /** Plans `stackDir` against the seeded state (or an empty one before seeding); returns the plan JSON. Throws TerraformError when the plan fails. */
  async plan(stackDir: string, options: PlanOptions = {}): Promise<PlanJson> {
    const ctx = await this.planFile(stackDir, options);
    const { plan } = await terraformShowPlan(ctx);
    return plan as PlanJson;
  }

  /** Runs init and plan; returns where plan.bin and the plan's log are. */
  private async planFile(stackDir: string, options: PlanOptions = {}): Promise<TerraformContext & { log: string }> {
    const work = prepareWorkDir(stackDir, { workDir: join(this.root, `work-${++this.runs}`), ...(this.seedFile && { seedState: this.seedFile }) });
    if (options.withoutPreventDestroy) removePreventDestroy(join(work.dir, "cdk.tf.json"));
    const ctx: TerraformContext = { stackId: "org", cwd: work.dir, env: this.env, timeoutMs: 120_000 };
    await terraformInit(ctx);
    const run = await terraformPlan(ctx);
    return { ...ctx, log: run.stdout };
  }

  /** Seeds the state with the example config's org stack as if applied: a plan of it then changes nothing. */
  async seed(): Promise<void> {
    const stackDir = this.synthesize();
    let resources = resourcesFromPlan(await this.plan(stackDir));
    let pending: string[] = [];
    for (let round = 1; round <= MAX_SEED_ROUNDS; round++) {
      this.seedFile = join(this.root, `seed-${round}.tfstate`);
      writeFileSync(this.seedFile, stateJson(resources, round));
      const ctx = await this.planFile(stackDir);
      this.seedRounds = round + 1;
      // The plan's own summary says whether it settled; `terraform show` (2-3 s) only when it did not.
      if (changeCount(ctx.log) === 0) return;
      const { plan } = await terraformShowPlan(ctx);
      pending = pendingChanges(plan as PlanJson);
      resources = resourcesFromPlan(plan as PlanJson, resources);
    }
    throw new Error(`the seeded state did not settle in ${MAX_SEED_ROUNDS} rounds; still changing:\n${pending.join("\n")}`);
  }
}

/** add + change + remove from the plan's `-json` change_summary line; undefined when there is none. */
function changeCount(log: string): number | undefined {
  for (const line of log.split("\n")) {
    if (!line.includes('"change_summary"')) continue;
    const { changes } = JSON.parse(line) as { changes: { add: number; change: number; remove: number; import?: number } };
    return changes.add + changes.change + changes.remove + (changes.import ?? 0);
  }
  return undefined;
}

function removePreventDestroy(file: string): void {
  const config = JSON.parse(readFileSync(file, "utf8")) as { resource?: Record<string, Record<string, { lifecycle?: Record<string, unknown> }>> };
  for (const byName of Object.values(config.resource ?? {})) {
    for (const resource of Object.values(byName)) {
      if (resource.lifecycle === undefined) continue;
      delete resource.lifecycle.prevent_destroy;
      if (Object.keys(resource.lifecycle).length === 0) delete resource.lifecycle;
    }
  }
  writeFileSync(file, JSON.stringify(config, null, 2));
}
