/**
 * `sandbox`: the whole organization applied for real, in deploy order,
 * against the moto AWS emulator on loopback, through the same commands
 * users deploy with (provision = apply org + sync, then deploy of each
 * stack), on a scratch copy of the config and a scratch state folder. After
 * every apply it plans again: a plan that is not empty is a bug (a
 * perpetual diff). Nothing reaches AWS; the user's config/ and state/ are
 * never touched.
 *
 * Accounts the config already knows (an id in their file: invited, or
 * created by an earlier apply) exist before the organization is managed
 * here. In the emulator they are made to exist the same way: after the
 * first apply has created the organization, through the Organizations API,
 * and the second apply imports them.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { isMap, isSeq, parseDocument } from "yaml";
import { ACCOUNTS_DIR, ORGANIZATION_FILE } from "../../config/load.ts";
import type { OrgConfig } from "../../config/model.ts";
import { planAgain, type AppliedPlan } from "../../engine/apply.ts";
import { UserError } from "../../engine/errors.ts";
import { changeCount } from "../../engine/plan.ts";
import { findProviderMirror, writeTerraformCliConfig } from "../../engine/provider-mirror.ts";
import { spawnRunner } from "../../engine/runner.ts";
import { EMULATOR_MANAGEMENT_ACCOUNT_ID, emulatorJsonCall, emulatorTarget, startEmulator, type Emulator } from "../../engine/targets/emulator.ts";
import { leaveOutNotEmulated, type LeftOut } from "../../engine/targets/emulator-limits.ts";
import { mapBounded } from "../../engine/verify-stacks.ts";
import { deployWaves, stackEntries } from "../../stacks/registry.ts";
import { loadCurrent } from "../config-files.ts";
import type { Io, Workspace } from "../io.ts";
import { localStatePath, orgStackDir, resourcesInState } from "../org-outputs.ts";
import { stackTerraform } from "../stack-terraform.ts";
import { createProgress } from "../progress.ts";
import { deployStackDir } from "./deploy.ts";
import { runProvision } from "./provision.ts";

export interface SandboxOptions {
  /** The user's config folder: copied, never written. */
  readonly configDir: string;
  /** Scratch folder (emptied first): config/, state/, cdktf.out/ of the run. */
  readonly scratchDir: string;
  /** Environment to take PATH and the like from (never AWS credentials). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** A running emulator to use (and leave running), e.g. AWS_ENDPOINT_URL; default: start one. */
  readonly endpoint?: string;
  /** Per terraform command; default 180 s. A resource the emulator never finishes is named when it is hit. */
  readonly timeoutMs?: number;
  /** Stacks applied at once; default the number of cores. */
  readonly parallelism?: number;
}

export interface SandboxRow {
  readonly stack: string;
  /** What this apply was: "first apply", "after sync", ... */
  readonly step: string;
  /** Resource instances in the stack's state after the apply. */
  readonly resources?: number;
  /** Resources the applied plan created or imported. */
  readonly added: number;
  readonly applyMs: number;
  /** True when the plan after the apply was empty; undefined when it did not get that far. */
  readonly secondPlanEmpty?: boolean;
  /** What the second plan would still change. */
  readonly drift: readonly string[];
  readonly leftOut: readonly LeftOut[];
  readonly error?: string;
}

export interface SandboxResult {
  readonly ok: boolean;
  readonly rows: readonly SandboxRow[];
  /** The scratch workspace, pointed at the emulator (for a caller that goes on working in it). */
  readonly ws: Workspace;
  readonly emulator: Emulator;
  readonly totalMs: number;
}

/** Runs the sandbox; the caller stops `result.emulator` (kept so tests can go on in the same emulator). */
export async function runSandbox(io: Io, options: SandboxOptions): Promise<SandboxResult> {
  const started = performance.now();
  const emulator = await startEmulator({ env: options.env, ...(options.endpoint !== undefined && { endpoint: options.endpoint }) });
  try {
    if (!emulator.owned) {
      io.out(`using the emulator at ${emulator.endpoint} (AWS_ENDPOINT_URL); emptying it first, and leaving it running`);
      await emulator.reset();
    } else io.out(`started the AWS emulator (moto) at ${emulator.endpoint}`);
    const { ws, known } = prepareScratch(options, emulator);
    const abort = new AbortController();
    void emulator.exited.then((why) => abort.abort(why));
    const scratchWs: Workspace = { ...ws, signal: abort.signal };
    const rows = await applyInOrder(io, scratchWs, known, emulator, options);
    const ok = rows.every((r) => r.error === undefined && r.secondPlanEmpty === true);
    return { ok, rows, ws: scratchWs, emulator, totalMs: Math.round(performance.now() - started) };
  } catch (err) {
    await emulator.stop();
    throw err;
  }
}

/** An account the config knows the id of: made to exist in the emulator, then imported. */
interface KnownAccount {
  readonly name: string;
  readonly file: string;
  readonly text: string;
}

function prepareScratch(options: SandboxOptions, emulator: Emulator): { ws: Workspace; known: KnownAccount[] } {
  const root = options.scratchDir;
  rmSync(root, { recursive: true, force: true });
  const configDir = join(root, "config");
  mkdirSync(root, { recursive: true });
  cpSync(options.configDir, configDir, { recursive: true, filter: (src) => !src.endsWith(".ts") });
  const mirror = findProviderMirror(options.env);
  if (mirror === undefined) throw new UserError("no Terraform provider mirror holding registry.terraform.io/hashicorp/aws found; set TF_PROVIDER_MIRROR", 2);
  const base: Workspace = {
    configDir,
    repoRoot: root,
    orgOutdir: join(root, "org", "cdktf.out"),
    env: options.env,
    run: spawnRunner,
    echo: false,
    timeoutMs: options.timeoutMs ?? 180_000,
  };
  const user = loadCurrent({ ...base, configDir: options.configDir, repoRoot: join(options.configDir, "..") });
  const known = scratchConfig(configDir, user);
  const region = user.managementAccount.region;
  const target = emulatorTarget(emulator.endpoint, { cliConfigFile: writeTerraformCliConfig(mirror, join(root, ".terraform-cli")), region, parentEnv: options.env });
  return { ws: { ...base, target }, known };
}

/**
 * The scratch config: the management account is moto's default account,
 * state is local under the scratch folder, and known member accounts are
 * held back until the organization exists. A known account that an
 * environment, the log archive or a guardrail refers to cannot be held back:
 * its id is dropped instead, so the org stack creates it.
 */
function scratchConfig(configDir: string, config: OrgConfig): KnownAccount[] {
  const orgPath = join(configDir, ORGANIZATION_FILE);
  const doc = parseDocument(readFileSync(orgPath, "utf8"));
  doc.setIn(["state", "backend"], "local");
  doc.setIn(["state", "local_directory"], "state");
  const referenced = new Set([
    ...config.environments.map((e) => e.account),
    ...(config.logArchiveAccount ? [config.logArchiveAccount] : []),
    ...config.guardrails.attachments.filter((a) => a.kind === "account").map((a) => a.target),
  ]);
  const known: KnownAccount[] = [];
  for (const account of config.accounts) {
    const file = join(configDir, ACCOUNTS_DIR, `${account.name}.yaml`);
    const accountDoc = parseDocument(readFileSync(file, "utf8"));
    if (account.isManagement) {
      accountDoc.set("account_id", EMULATOR_MANAGEMENT_ACCOUNT_ID);
    } else if (account.accountId !== undefined) {
      if (referenced.has(account.name)) accountDoc.delete("account_id");
      else {
        known.push({ name: account.name, file, text: accountDoc.toString() });
        rmSync(file);
        const list = doc.get("accounts");
        if (isSeq(list)) list.items = list.items.filter((item) => String((item as { value?: unknown }).value ?? item) !== account.name);
        continue;
      }
    }
    writeFileSync(file, accountDoc.toString());
  }
  if (!isMap(doc.contents)) throw new Error("organization.yaml is not a mapping (the loader accepted it?)");
  writeFileSync(orgPath, doc.toString());
  return known;
}

async function applyInOrder(io: Io, ws: Workspace, known: readonly KnownAccount[], emulator: Emulator, options: SandboxOptions): Promise<SandboxRow[]> {
  const rows: SandboxRow[] = [];
  const fail = (row: SandboxRow): SandboxRow[] => [...rows, row];
  // Each stack's own output is buffered until it ends: the live line is what shows it is moving.
  const progress = createProgress(io.progress, { words: { running: "applying", done: "applied and re-planned" } });
  const step = (name: string, work: () => Promise<SandboxRow>): Promise<SandboxRow> => progress.step(name, work, (row) => (rowOk(row) ? undefined : "failed"));
  try {
    // 1. org: the organization, its OUs and the new accounts; sync writes their ids.
    const first = await step("org", () => provisionOrg(io, ws, "first apply + sync"));
    rows.push(first);
    if (!rowOk(first)) return rows;

    // 2. known accounts come into existence (as an invitation would have), then org again:
    //    imports them, and creates what waited for account ids (the organization trail).
    try {
      for (const account of known) await createKnownAccount(io, ws, emulator, account);
    } catch (err) {
      return fail({ stack: "org", step: "known accounts", applyMs: 0, added: 0, drift: [], leftOut: [], error: errorText(err) });
    }
    const second = await step("org (again)", () => provisionOrg(io, ws, known.length > 0 ? "after sync, imports" : "after sync"));
    rows.push(second);
    if (!rowOk(second)) return rows;

    // 3. every other stack, wave by wave; stacks of one wave at the same time.
    const config = loadCurrent(ws);
    const waves = deployWaves(stackEntries(config).filter((s) => s.id !== "org"));
    for (const wave of waves) {
      const dirs = await synthesizeForEmulator(io, ws);
      const results = await mapBounded(wave, options.parallelism ?? cpus().length, (entry) => step(entry.id, () => deployOne(io, ws, entry.id, dirs.get(entry.id)!)));
      rows.push(...results);
      if (!results.every(rowOk)) return rows;
    }
    return rows;
  } finally {
    progress.close();
  }
}

function rowOk(row: SandboxRow): boolean {
  return row.error === undefined && row.secondPlanEmpty === true;
}

async function provisionOrg(io: Io, ws: Workspace, step: string): Promise<SandboxRow> {
  const out = bufferedIo(io, "org");
  let leftOut: LeftOut[] = [];
  const started = performance.now();
  try {
    const applied = await runProvision(ws, out, {
      autoApprove: true,
      synth: async (w) => {
        const { synthOrgStack } = await import("../org-outputs.ts");
        const dir = await synthOrgStack(w);
        leftOut = leaveOutNotEmulated(dir);
        return dir;
      },
    });
    const applyMs = Math.round(performance.now() - started);
    return await checkAgain(ws, "org", orgStackDir(ws), step, applyMs, leftOut, addedBy(applied));
  } catch (err) {
    return { stack: "org", step, applyMs: Math.round(performance.now() - started), added: 0, drift: [], leftOut, error: errorText(err) };
  } finally {
    out.flush();
  }
}

async function deployOne(io: Io, ws: Workspace, stackId: string, dir: string): Promise<SandboxRow> {
  const out = bufferedIo(io, stackId);
  const leftOut = leaveOutNotEmulated(dir);
  const started = performance.now();
  try {
    const applied = await deployStackDir(ws, out, stackId, dir, { autoApprove: true });
    return await checkAgain(ws, stackId, dir, "apply", Math.round(performance.now() - started), leftOut, addedBy(applied));
  } catch (err) {
    return { stack: stackId, step: "apply", applyMs: Math.round(performance.now() - started), added: 0, drift: [], leftOut, error: errorText(err) };
  } finally {
    out.flush();
  }
}

function addedBy(applied: AppliedPlan): number {
  return applied.lists.create.length + applied.lists.import.length;
}

async function checkAgain(ws: Workspace, stackId: string, dir: string, step: string, applyMs: number, leftOut: LeftOut[], added: number): Promise<SandboxRow> {
  const again = await planAgain(stackTerraform(ws, dir));
  const drift = [
    ...again.create.map((a) => `+ ${a}`),
    ...again.update.map((a) => `~ ${a}`),
    ...again.replace.map((a) => `-/+ ${a}`),
    ...again.delete.map((a) => `- ${a}`),
    ...again.import.map((a) => `<= ${a}`),
  ];
  const statePath = localStatePath(loadCurrent(ws), stackId);
  const resources = statePath === undefined ? undefined : resourcesInState(statePath);
  return { stack: stackId, step, applyMs, added, secondPlanEmpty: changeCount(again) === 0, drift, leftOut, ...(resources !== undefined && { resources }) };
}

async function synthesizeForEmulator(io: Io, ws: Workspace): Promise<Map<string, string>> {
  const { synthesizeEveryStack } = await import("./deploy.ts");
  return synthesizeEveryStack(ws, io);
}

async function createKnownAccount(io: Io, ws: Workspace, emulator: Emulator, account: KnownAccount): Promise<void> {
  const doc = parseDocument(account.text);
  const created = (await emulatorJsonCall(emulator.endpoint, "AWSOrganizationsV20161128.CreateAccount", {
    AccountName: String(doc.get("title") ?? account.name),
    Email: String(doc.get("email")),
  })) as { CreateAccountStatus?: { AccountId?: string } };
  const id = created.CreateAccountStatus?.AccountId;
  if (id === undefined) throw new UserError(`the emulator created no account for ${account.name}: ${JSON.stringify(created)}`);
  doc.set("account_id", id);
  writeFileSync(account.file, doc.toString());
  const orgPath = join(ws.configDir, ORGANIZATION_FILE);
  const org = parseDocument(readFileSync(orgPath, "utf8"));
  const list = org.get("accounts");
  if (isSeq(list)) list.add(account.name);
  writeFileSync(orgPath, org.toString());
  io.out(`${account.name}: created in the emulator as ${id} (as the invitation would have); the next org apply imports it`);
}

/** Lines of one stack's run, printed together (stacks of a wave run at once), each prefixed with the stack id. */
function bufferedIo(io: Io, stackId: string): Io & { flush(): void } {
  const lines: { err: boolean; text: string }[] = [];
  // The sandbox reports each stack's progress itself; the commands it runs (provision) must not report it again.
  const { progress: _ownedBySandbox, ...rest } = io;
  return {
    ...rest,
    interactive: false,
    out: (line) => lines.push({ err: false, text: line }),
    err: (line) => lines.push({ err: true, text: line }),
    flush: () => {
      for (const { err, text } of lines.splice(0)) for (const l of text.split("\n")) (err ? io.err : io.out)(`[${stackId}] ${l}`);
    },
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The table the sandbox ends with. */
export function formatSandboxTable(rows: readonly SandboxRow[]): string[] {
  const header = ["STACK", "STEP", "RESOURCES", "APPLY", "SECOND PLAN", "NOT EMULATED (LEFT OUT)"];
  const body = rows.map((r) => [
    r.stack,
    r.step,
    r.resources === undefined ? "-" : String(r.resources),
    `${(r.applyMs / 1000).toFixed(1)} s`,
    r.error !== undefined ? "FAILED" : r.secondPlanEmpty ? "empty" : `${r.drift.length} change(s)`,
    notEmulatedSummary(r.leftOut),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const out = [line(header), ...body.map(line)];
  for (const r of rows) {
    if (r.error !== undefined) out.push("", `${r.stack} (${r.step}) failed:`, ...r.error.split("\n").map((l) => `  ${l}`));
    else if (!r.secondPlanEmpty) out.push("", `${r.stack} (${r.step}): the plan after the apply is not empty (a perpetual diff):`, ...r.drift.map((d) => `  ${d}`));
  }
  const causes = new Map<string, string>();
  for (const r of rows) for (const l of r.leftOut) if (l.cause === l.address.split(".")[0]) causes.set(l.cause, l.why);
  if (causes.size > 0) {
    out.push("", "Not emulated (left out of the emulator's copy, with what refers to them; they apply on AWS):");
    for (const [type, why] of causes) out.push(`  ${type}: ${why}`);
  }
  return out;
}

function notEmulatedSummary(leftOut: readonly LeftOut[]): string {
  if (leftOut.length === 0) return "-";
  const byCause = new Map<string, number>();
  for (const l of leftOut) byCause.set(l.cause, (byCause.get(l.cause) ?? 0) + 1);
  return [...byCause].map(([type, n]) => `${type} (${n} resource${n === 1 ? "" : "s"})`).join(", ");
}
