/**
 * Validates and plans synthesized stacks offline with the real Terraform and
 * the real AWS provider: the entry point of the offline verification.
 *
 * Why this shape: a stack is ~2 s and ~600 MB (the provider process), so
 * stacks run with bounded parallelism (default 2 on these 2-core machines);
 * they share one STS stub and one CLI config; `terraform init`s are
 * serialized when a plugin cache is used (concurrent inits filling one cache
 * race); each
 * stack's failure is its own result and never hides the others. Every call a
 * stack makes to the stub is attributed to it (a tag in its fake keys), so a
 * failure can say which AWS API it tried to use, and an attempt to leave the
 * machine through the proxy backstop stops that stack at once instead of
 * retrying for minutes.
 */
import { mkdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { offlineTerraformEnv } from "./targets/offline-env.ts";
import { resourceChangesFromPlanLog, summarizePlan, summarizeResourceChanges, type PlanSummary, type ResourceChange } from "./plan.ts";
import { findProviderMirror, mirrorLayout, repoRoot, writeTerraformCliConfig } from "./provider-mirror.ts";
import { accountFromAccessKeyId, startStsStub, type StsStub, type StubCall } from "./targets/sts-stub.ts";
import { runTerraform, summarizeDiagnostics, terraformInit, terraformPlan, terraformShowPlan, terraformValidate, type Diagnostic, type TerraformContext } from "./terraform.ts";
import { prepareWorkDir, type NotPlanned } from "./workdir.ts";

export interface VerifyOptions {
  /** Where the per-stack copies go; default `.preview/` at the repo root (git-ignored). */
  workRoot?: string;
  /** Filesystem mirror holding hashicorp/aws; default findProviderMirror(env). */
  mirror?: string;
  /** Folder for the CLI config and plugin cache; default `.terraform-cli/` at the repo root. */
  cliConfigDir?: string;
  /** Account the stub answers for the base fake credentials (the management account). */
  managementAccountId?: string;
  /** Stacks run at once; default 2. */
  parallelism?: number;
  /** AWS_REGION for providers that set none; default us-east-1. */
  region?: string;
  /** Per terraform command; default 10 minutes. */
  timeoutMs?: number;
  terraformBin?: string;
  /** Environment to read TF_PROVIDER_MIRROR/HOME/PATH from; default process.env. */
  env?: Record<string, string | undefined>;
  /** Use this stub instead of starting (and closing) one. */
  stub?: StsStub;
  /** Wraps each stack's work, to show it in progress (cli/progress.ts); default none. */
  step?: StepRunner;
}

/** Runs one named piece of work; `outcome` names how it ended ("failed" when undefined is not enough). */
export type StepRunner = <T>(name: string, work: () => Promise<T>, outcome?: (result: T) => string | undefined) => Promise<T>;

const unobserved: StepRunner = (_name, work) => work();

export interface PlanStacksOptions extends VerifyOptions {
  /** Stack id -> Terraform state v4 file to plan against (plans of changes). */
  seedState?: Record<string, string>;
  /** Refresh resources in state from AWS; default false (offline it would call AWS). */
  refresh?: boolean;
  /**
   * Run `terraform show -json` for the full plan (planJson, before/after values); default true.
   * It starts the provider again (~2 s per stack); with false, resourceChanges
   * (addresses and actions) come from the plan's own log and planJson is absent.
   */
  showPlanJson?: boolean;
}

export interface StackPlanResult {
  stack: string;
  /** Account the stack's provider is pinned to (config), else the one it assumed. */
  account?: string;
  add: number;
  change: number;
  destroy: number;
  replace: number;
  imports: { address: string; id: string }[];
  notPlanned: NotPlanned[];
  error?: string;
  /** Parsed `terraform show -json` of the plan. */
  planJson?: unknown;
  resourceChanges?: ResourceChange[];
  /** Requests this stack made to the stub (STS and refused ones). */
  stubCalls: StubCall[];
  /** The stack's work dir (plan.bin, state, overrides). */
  workDir: string;
  durationMs: number;
  timings: { initMs?: number; planMs?: number; showMs?: number };
}

export interface StackValidateResult {
  stack: string;
  valid: boolean;
  diagnostics: Diagnostic[];
  /** Summary of the error diagnostics, or why validate could not run. */
  error?: string;
  workDir: string;
  durationMs: number;
}

/** Runs `fn` over `items` with at most `limit` at once; results keep input order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** A one-at-a-time lock: `terraform init`s sharing a plugin cache must not overlap. */
function serialLock(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

interface Session {
  stub: StsStub;
  cliConfigFile: string;
  workRoot: string;
  withInitLock: <T>(fn: () => Promise<T>) => Promise<T>;
  close(): Promise<void>;
}

function stackIds(stackDirs: readonly string[]): string[] {
  const ids = stackDirs.map((d) => basename(resolve(d)));
  const seen = new Map<string, string>();
  stackDirs.forEach((d, i) => {
    const prev = seen.get(ids[i]!);
    if (prev !== undefined) throw new Error(`two stacks named "${ids[i]}": ${prev} and ${d} (work dirs are per stack id)`);
    seen.set(ids[i]!, d);
  });
  return ids;
}

async function openSession(opts: VerifyOptions): Promise<Session> {
  const env = opts.env ?? process.env;
  const mirror = opts.mirror ?? findProviderMirror(env);
  if (!mirror) {
    throw new Error(
      "no Terraform provider mirror holding registry.terraform.io/hashicorp/aws found (looked in /opt/tf-plugins, ~/.terraform.d/plugins, " +
        "~/.local/share/terraform/plugins, /usr/local/share/terraform/plugins, /usr/share/terraform/plugins); set TF_PROVIDER_MIRROR",
    );
  }
  const cliConfigFile = opts.cliConfigDir ? writeTerraformCliConfig(mirror, opts.cliConfigDir) : writeTerraformCliConfig(mirror);
  const workRoot = resolve(opts.workRoot ?? join(repoRoot(), ".preview"));
  mkdirSync(workRoot, { recursive: true });
  const stub = opts.stub ?? (await startStsStub(opts.managementAccountId ? { managementAccountId: opts.managementAccountId } : {}));
  return {
    stub,
    cliConfigFile,
    workRoot,
    // A plugin cache (packed mirror) must not be filled by two inits at once.
    withInitLock: mirrorLayout(mirror) === "packed" ? serialLock() : (fn) => fn(),
    close: async () => {
      if (!opts.stub) await stub.close();
    },
  };
}

/** Per-stack terraform context; the stack's stub calls are tagged, and a proxy attempt aborts it. */
function stackContext(session: Session, opts: VerifyOptions, stack: string, index: number, dir: string) {
  const tag = `S${index}`;
  const env = offlineTerraformEnv({
    stubEndpoint: session.stub.endpoint,
    cliConfigFile: session.cliConfigFile,
    clientTag: tag,
    ...(opts.region ? { region: opts.region } : {}),
    ...(opts.env ? { parentEnv: opts.env } : {}),
  });
  const abort = new AbortController();
  const stopListening = session.stub.onCall((call) => {
    if (call.client === tag && call.service === "proxy" && !abort.signal.aborted) {
      abort.abort(`tried to reach ${call.action.replace(/^CONNECT /, "")} outside this machine (stopped: offline runs must not use the network)`);
    }
  });
  const ctx: TerraformContext = {
    stackId: stack,
    cwd: dir,
    env,
    signal: abort.signal,
    ...(opts.terraformBin ? { terraformBin: opts.terraformBin } : {}),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
  };
  const calls = (): StubCall[] => session.stub.calls.filter((c) => c.client === tag);
  return { ctx, calls, stopListening };
}

/** "tried to call ec2 DescribeImages" for the AWS calls the stub refused (proxy attempts already stopped the run with their own message). */
function describeRefused(calls: StubCall[]): string | undefined {
  const refused = calls.filter((c) => !c.answered && c.service !== "proxy");
  if (refused.length === 0) return undefined;
  const names = [...new Set(refused.map((c) => `${c.service} ${c.action}`))];
  return `tried to call ${names.join(", ")} (not available offline)`;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * `terraform providers schema -json` for the providers `stackDir` uses
 * (init of an offline copy first; no AWS call). What the HCL export needs
 * to tell nested blocks from attributes.
 */
export async function providerSchemas(stackDir: string, opts: VerifyOptions = {}): Promise<unknown> {
  const [stack] = stackIds([stackDir]);
  const session = await openSession(opts);
  const workDir = join(session.workRoot, `${stack}-schemas`);
  const s = stackContext(session, opts, stack!, 0, workDir);
  try {
    prepareWorkDir(stackDir, { workDir, stripImports: false });
    await terraformInit(s.ctx);
    const run = await runTerraform(["providers", "schema", "-json"], s.ctx);
    if (run.exitCode !== 0) throw new Error(`${stack}: terraform providers schema failed (exit ${run.exitCode}): ${run.stderr.trim()}`);
    return JSON.parse(run.stdout) as unknown;
  } finally {
    s.stopListening();
    await session.close();
  }
}

/** `terraform validate` of each stack (import blocks kept: validate checks them without AWS). */
export async function validateStacks(stackDirs: readonly string[], opts: VerifyOptions = {}): Promise<StackValidateResult[]> {
  const ids = stackIds(stackDirs);
  const session = await openSession(opts);
  try {
    return await mapBounded(stackDirs, opts.parallelism ?? 2, async (stackDir, i) => {
      const started = performance.now();
      const stack = ids[i]!;
      const workDir = join(session.workRoot, stack);
      const result = (r: Omit<StackValidateResult, "stack" | "workDir" | "durationMs">): StackValidateResult => ({
        stack,
        ...r,
        workDir,
        durationMs: Math.round(performance.now() - started),
      });
      let stop = (): void => undefined;
      try {
        prepareWorkDir(stackDir, { workDir, stripImports: false });
        const s = stackContext(session, opts, stack, i, workDir);
        stop = s.stopListening;
        await session.withInitLock(() => terraformInit(s.ctx));
        const v = await terraformValidate(s.ctx);
        return result(
          v.valid
            ? { valid: true, diagnostics: v.diagnostics }
            : {
                valid: false,
                diagnostics: v.diagnostics,
                error: `${stack}: terraform validate found errors: ${summarizeDiagnostics(v.diagnostics)}`,
              },
        );
      } catch (err) {
        return result({ valid: false, diagnostics: [], error: errorMessage(err) });
      } finally {
        stop();
      }
    });
  } finally {
    await session.close();
  }
}

/** Offline `terraform plan` of each stack, summarized (see StackPlanResult). */
export async function planStacksOffline(stackDirs: readonly string[], opts: PlanStacksOptions = {}): Promise<StackPlanResult[]> {
  const ids = stackIds(stackDirs);
  for (const id of Object.keys(opts.seedState ?? {})) {
    if (!ids.includes(id)) throw new Error(`seedState names stack "${id}", which is not among the stacks planned (${ids.join(", ")})`);
  }
  const session = await openSession(opts);
  try {
    const step = opts.step ?? unobserved;
    return await mapBounded(stackDirs, opts.parallelism ?? 2, (stackDir, i) =>
      step(
        ids[i]!,
        () => planOne(stackDir, i),
        (r) => (r.error === undefined ? undefined : "failed"),
      ),
    );
    async function planOne(stackDir: string, i: number): Promise<StackPlanResult> {
      const started = performance.now();
      const stack = ids[i]!;
      const workDir = join(session.workRoot, stack);
      const timings: StackPlanResult["timings"] = {};
      const base: StackPlanResult = {
        stack,
        add: 0,
        change: 0,
        destroy: 0,
        replace: 0,
        imports: [],
        notPlanned: [],
        stubCalls: [],
        workDir,
        durationMs: 0,
        timings,
      };
      const finish = (r: StackPlanResult): StackPlanResult => ({ ...r, durationMs: Math.round(performance.now() - started) });
      let calls = (): StubCall[] => [];
      let stop = (): void => undefined;
      try {
        const seed = opts.seedState?.[stack];
        const prepared = prepareWorkDir(stackDir, { workDir, ...(seed ? { seedState: seed } : {}) });
        if (prepared.account) base.account = prepared.account;
        base.notPlanned.push(
          ...prepared.imports.map((imp) => ({
            what: imp.to,
            why: `import of ${imp.id} not planned offline (needs AWS); the first apply imports it`,
          })),
          ...prepared.notPlanned,
        );
        const s = stackContext(session, opts, stack, i, workDir);
        calls = s.calls;
        stop = s.stopListening;
        timings.initMs = (await session.withInitLock(() => terraformInit(s.ctx))).durationMs;
        const planRun = await terraformPlan(s.ctx, opts.refresh === undefined ? {} : { refresh: opts.refresh });
        timings.planMs = planRun.durationMs;
        let planJson: unknown;
        let summary: PlanSummary;
        if (opts.showPlanJson === false) {
          summary = summarizeResourceChanges(resourceChangesFromPlanLog(planRun.stdout), prepared.imports);
        } else {
          const shown = await terraformShowPlan(s.ctx);
          timings.showMs = shown.durationMs;
          planJson = shown.plan;
          summary = summarizePlan(planJson, prepared.imports);
        }
        const observed = calls()
          .map((c) => (c.service === "sts" && c.action === "GetCallerIdentity" && c.accessKeyId ? accountFromAccessKeyId(c.accessKeyId) : undefined))
          .find((a) => a !== undefined);
        return finish({
          ...base,
          ...((base.account ?? observed) ? { account: base.account ?? observed } : {}),
          add: summary.add,
          change: summary.change,
          destroy: summary.destroy,
          replace: summary.replace,
          imports: summary.imports,
          ...(planJson === undefined ? {} : { planJson }),
          resourceChanges: summary.resourceChanges,
          stubCalls: calls(),
        });
      } catch (err) {
        const refused = describeRefused(calls());
        return finish({ ...base, error: refused ? `${errorMessage(err)}\n${refused}` : errorMessage(err), stubCalls: calls() });
      } finally {
        stop();
      }
    }
  } finally {
    await session.close();
  }
}
