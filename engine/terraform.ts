/**
 * Runs the terraform CLI for one stack work dir: init, validate, plan, show.
 *
 * Why a wrapper: every call needs the same things: the offline environment,
 * captured output, timing, a time limit, a way to stop it early, and on
 * failure an error that names the stack and says what Terraform said in a few
 * lines (its diagnostics, from `-json` output), not thousands of lines of log.
 * init, validate and plan run with `-json` so diagnostics are structured.
 */
import { spawnRunner, type CommandRunner } from "./runner.ts";

export interface TerraformContext {
  /** Stack id, for error messages. */
  stackId: string;
  /** Work dir (the prepared copy). */
  cwd: string;
  /** Complete environment (offlineTerraformEnv). */
  env: Record<string, string>;
  /** Terraform binary; default `terraform` on PATH. */
  terraformBin?: string;
  /** Kill the run after this long; default 10 minutes. */
  timeoutMs?: number;
  /** Stops the run when aborted (the reason becomes the error message). */
  signal?: AbortSignal;
  /** Default: the real child process (tests pass a fake). */
  run?: CommandRunner;
}

export interface TerraformRun {
  args: string[];
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** One Terraform diagnostic (from `-json` output). */
export interface Diagnostic {
  severity: "error" | "warning";
  summary: string;
  detail?: string;
  address?: string;
  range?: { filename: string; start: { line: number } };
}

/** A failed terraform run: names the stack and command, with diagnostics summarized in the message. */
export class TerraformError extends Error {
  override readonly name = "TerraformError";
  constructor(
    readonly stackId: string,
    readonly command: string,
    readonly exitCode: number | null,
    readonly diagnostics: Diagnostic[],
    readonly stderr: string,
    reason?: string,
  ) {
    super(`${stackId}: terraform ${command} failed${exitCode === null ? "" : ` (exit ${exitCode})`}: ${reason ?? describeFailure(diagnostics, stderr)}`);
  }
}

const MAX_DIAGNOSTICS = 5;
const MAX_DETAIL = 300;

function oneLine(s: string, max: number): string {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Error diagnostics as a few lines: "summary: detail (at address, file:line)". */
export function summarizeDiagnostics(diagnostics: Diagnostic[], max = MAX_DIAGNOSTICS): string {
  const errors = diagnostics.filter((d) => d.severity === "error");
  const lines = errors.slice(0, max).map((d) => {
    const where = [d.address, d.range ? `${d.range.filename}:${d.range.start.line}` : undefined].filter(Boolean).join(", ");
    return `${d.summary}${d.detail ? `: ${oneLine(d.detail, MAX_DETAIL)}` : ""}${where ? ` (at ${where})` : ""}`;
  });
  if (errors.length > max) lines.push(`(${errors.length - max} more errors)`);
  return lines.join("\n");
}

function describeFailure(diagnostics: Diagnostic[], stderr: string): string {
  const summary = summarizeDiagnostics(diagnostics);
  if (summary) return summary;
  const tail = stderr
    .trim()
    .split("\n")
    .filter((l) => l.trim() !== "")
    .slice(-15)
    .join("\n");
  return tail || "no diagnostics and no stderr";
}

/** Diagnostics from `-json` machine-readable UI lines (init, plan, apply). */
export function diagnosticsFromJsonLines(stdout: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      const msg = JSON.parse(line) as { type?: string; diagnostic?: Diagnostic };
      if (msg.type === "diagnostic" && msg.diagnostic) out.push(msg.diagnostic);
    } catch {
      // not a JSON UI line
    }
  }
  return out;
}

/** Runs `terraform <args>` in ctx.cwd. Resolves with the run whatever the exit code; rejects only when it cannot run or is stopped. */
export async function runTerraform(args: string[], ctx: TerraformContext): Promise<TerraformRun> {
  const started = performance.now();
  const command = args[0] ?? "";
  const bin = ctx.terraformBin ?? "terraform";
  const result = await (ctx.run ?? spawnRunner)(bin, args, {
    cwd: ctx.cwd,
    env: ctx.env,
    ...(ctx.timeoutMs !== undefined && { timeoutMs: ctx.timeoutMs }),
    ...(ctx.signal && { signal: ctx.signal }),
  });
  if (result.notStarted !== undefined) {
    throw new TerraformError(ctx.stackId, command, null, [], "", `cannot run ${bin}: ${result.notStarted}`);
  }
  if (result.stopped !== undefined) {
    throw new TerraformError(ctx.stackId, command, null, diagnosticsFromJsonLines(result.stdout), result.stderr, result.stopped);
  }
  return { args, exitCode: result.status, stdout: result.stdout, stderr: result.stderr, durationMs: Math.round(performance.now() - started) };
}

async function runChecked(args: string[], ctx: TerraformContext): Promise<TerraformRun> {
  const run = await runTerraform(args, ctx);
  if (run.exitCode !== 0) {
    throw new TerraformError(ctx.stackId, args[0] ?? "", run.exitCode, diagnosticsFromJsonLines(run.stdout), run.stderr);
  }
  return run;
}

/** `terraform init` with the (overridden) backend; providers come from the CLI config's mirror. */
export function terraformInit(ctx: TerraformContext): Promise<TerraformRun> {
  return runChecked(["init", "-input=false", "-backend=true", "-no-color", "-json"], ctx);
}

export interface ValidateResult {
  valid: boolean;
  diagnostics: Diagnostic[];
  durationMs: number;
}

/** `terraform validate -json`: an invalid configuration is a result, not an exception. */
export async function terraformValidate(ctx: TerraformContext): Promise<ValidateResult> {
  const run = await runTerraform(["validate", "-json", "-no-color"], ctx);
  let parsed: { valid?: boolean; diagnostics?: Diagnostic[] };
  try {
    parsed = JSON.parse(run.stdout) as typeof parsed;
  } catch {
    throw new TerraformError(ctx.stackId, "validate", run.exitCode, [], run.stderr);
  }
  return { valid: parsed.valid === true && run.exitCode === 0, diagnostics: parsed.diagnostics ?? [], durationMs: run.durationMs };
}

export interface PlanOptions {
  /** Refresh existing resources from AWS (default false: offline, that would call AWS). */
  refresh?: boolean;
  /** Plan file name inside the work dir; default `plan.bin`. */
  planFile?: string;
}

/** `terraform plan -out`: writes the plan file; throws TerraformError with the diagnostics on failure. */
export function terraformPlan(ctx: TerraformContext, opts: PlanOptions = {}): Promise<TerraformRun> {
  const args = ["plan", "-input=false", "-lock=false", "-no-color", "-json", "-out", opts.planFile ?? "plan.bin"];
  if (opts.refresh !== true) args.push("-refresh=false");
  return runChecked(args, ctx);
}

/** `terraform show -json <plan file>`, parsed. */
export async function terraformShowPlan(ctx: TerraformContext, planFile = "plan.bin"): Promise<{ plan: unknown; durationMs: number }> {
  const run = await runChecked(["show", "-json", "-no-color", planFile], ctx);
  return { plan: JSON.parse(run.stdout) as unknown, durationMs: run.durationMs };
}
