/**
 * Real offline plans of the org stack for the CLI tests, built on the
 * offline runner's pieces (engine/): the provider from the
 * filesystem mirror, fake credentials, the loopback STS stub, a work copy
 * with a local backend seeded with a state "as if applied".
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { PlanJson } from "../../cli/commands/provision.ts";
import { OrgStack } from "../../org/org-stack.ts";
import { offlineTerraformEnv } from "../../engine/targets/offline-env.ts";
import { findProviderMirror, writeTerraformCliConfig } from "../../engine/provider-mirror.ts";
import { startStsStub, type StsStub } from "../../engine/targets/sts-stub.ts";
import { prepareWorkDir, type ImportBlock } from "../../engine/workdir.ts";
import { synthesizeOrThrow } from "../../stacks/synthesize.ts";
import type { TempRepo } from "../helpers/example-config.ts";

const execFileAsync = promisify(execFile);

export interface PlanOutcome {
  /** `terraform show -json` of the saved plan (only when asked for: it loads the provider schema, ~2 s). */
  readonly plan?: PlanJson;
  /** Address -> action from `terraform plan -json` (changes only; no-ops are not listed). */
  readonly actions: ReadonlyMap<string, string>;
  /** Terraform's error output when the plan failed. */
  readonly error?: string;
  /** Import blocks the offline copy dropped (they read from AWS). */
  readonly imports: readonly ImportBlock[];
}

export interface OfflinePlanner {
  /** Synthesizes the repo's org stack as the CLI does; returns the stack folder. */
  synth(repo: TempRepo): string;
  /** Plans the repo's org stack with -refresh=false against `seed` (state v4 JSON). */
  plan(repo: TempRepo, seed: string, options?: { show?: boolean }): Promise<PlanOutcome>;
  /** Calls that reached the stub and were not STS identity calls (i.e. what tried to reach AWS). */
  unexpectedCalls(): readonly unknown[];
  close(): Promise<void>;
}

export async function offlinePlanner(managementAccountId: string): Promise<OfflinePlanner> {
  const scratch = mkdtempSync(join(tmpdir(), "cli-plan-"));
  let stub: StsStub | undefined;
  try {
    stub = await startStsStub({ managementAccountId });
    const mirror = findProviderMirror();
    if (!mirror) throw new Error("no filesystem mirror holding hashicorp/aws (see engine/provider-mirror.ts)");
    const env = offlineTerraformEnv({ stubEndpoint: stub.endpoint, cliConfigFile: writeTerraformCliConfig(mirror, join(scratch, "tf-cli")), region: "eu-west-1" });
    let runs = 0;
    const synth = (repo: TempRepo) => {
      const outdir = join(scratch, `out-${++runs}`);
      synthesizeOrThrow({ configDir: repo.configDir, outdir }, (app, config) => {
        new OrgStack(app, { config });
      });
      return join(outdir, "stacks", "org");
    };
    // Asynchronous on purpose: the stub answers from this process's event loop, which spawnSync would block.
    const tf = (cwd: string, ...args: string[]) =>
      execFileAsync("terraform", args, { cwd, env, encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }).then(
        (r) => ({ ok: true, stdout: r.stdout, stderr: r.stderr }),
        (e: { stdout?: string; stderr?: string; message: string }) => ({ ok: false, stdout: e.stdout ?? "", stderr: e.stderr || e.message }),
      );
    const s = stub;
    return {
      synth,
      async plan(repo, seed, options = {}) {
        const stackDir = synth(repo);
        const seedFile = join(scratch, `seed-${runs}.tfstate`);
        writeFileSync(seedFile, seed);
        const work = prepareWorkDir(stackDir, { workDir: join(scratch, `work-${runs}`), seedState: seedFile });
        const init = await tf(work.dir, "init", "-input=false");
        if (!init.ok) throw new Error(`terraform init: ${init.stderr}`);
        const planned = await tf(work.dir, "plan", "-refresh=false", "-input=false", "-lock=false", "-no-color", "-json", "-out=plan.bin");
        const actions = new Map<string, string>();
        const errors: string[] = [];
        for (const line of planned.stdout.split("\n").filter(Boolean)) {
          const event = JSON.parse(line) as {
            type: string;
            "@message": string;
            change?: { resource: { addr: string }; action: string };
            diagnostic?: { severity: string; summary: string; detail?: string; address?: string };
          };
          if (event.type === "planned_change" && event.change) actions.set(event.change.resource.addr, event.change.action);
          if (event.type === "diagnostic" && event.diagnostic?.severity === "error") {
            errors.push(`${event.diagnostic.summary}: ${event.diagnostic.detail ?? ""} ${event.diagnostic.address ?? ""}`.trim());
          }
        }
        if (!planned.ok) return { actions, error: errors.join("\n") || planned.stderr, imports: work.imports };
        if (!options.show) return { actions, imports: work.imports };
        const shown = await tf(work.dir, "show", "-json", "plan.bin");
        return { plan: JSON.parse(shown.stdout) as PlanJson, actions, imports: work.imports };
      },
      unexpectedCalls: () => s.unexpectedCalls(),
      async close() {
        await s.close();
        rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await stub?.close();
    rmSync(scratch, { recursive: true, force: true });
    throw err;
  }
}
