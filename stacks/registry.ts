/**
 * The one list of stacks: which exist, the folder each lives in, the account
 * it deploys into, what must be applied before it and which outputs it
 * publishes. The root app, each folder's main.ts, the preview, deploy, the
 * sandbox's deploy order and `accounts list` all read it; nothing else lists
 * stacks. Pure data (no cdktf), so commands can read it without loading the
 * stacks.
 */
import { join } from "node:path";
import type { AccountConfig, OrgConfig } from "../config/model.ts";
import { appOutputs } from "../app/outputs.ts";
import { CORP_OUTPUTS } from "../corp/outputs.ts";
import { DNS_OUTPUTS } from "../dns/outputs.ts";
import { ORG_OUTPUTS, ORGANIZATION_TRAIL_BUCKET_OUTPUT } from "../org/outputs.ts";
import { TOOLS_OUTPUTS } from "../tools/outputs.ts";
import { appStackId, CORP_STACK_ID, DNS_STACK_ID, localStateFile, ORG_STACK_ID, PENDING_ACCOUNT_ADVICE, PENDING_ACCOUNT_ID, TOOLS_STACK_ID } from "../naming/names.ts";
import { outputNames } from "./output-contract.ts";

/** Account folders that hold stack code (each has main.ts, cdktf.json, README.md). */
export const STACK_FOLDERS = ["org", "dns", "corp", "tools", "app"] as const;
export type StackFolder = (typeof STACK_FOLDERS)[number];

export interface StackEntry {
  readonly id: string;
  readonly folder: StackFolder;
  /** The account it deploys into. */
  readonly account: AccountConfig;
  /** Stacks that must be applied before this one. */
  readonly follows: readonly string[];
  /** Names of the outputs other stacks and the commands read. */
  readonly outputs: readonly string[];
  /**
   * Accounts this stack deploys into or refers to (its own, the accounts of
   * its aliased providers, the roles it trusts) that have no account_id yet.
   * Such a stack is synthesized against PENDING_ACCOUNT_ID: the preview plans
   * it and says so, deploy refuses it.
   */
  readonly waitsFor: readonly AccountConfig[];
}

/** Every stack of the organization described by `config`, in deploy order. */
export function stackEntries(config: OrgConfig): StackEntry[] {
  const named = (name: string) => config.accounts.find((a) => a.name === name)!;
  const environmentAccounts = config.environments.map((e) => named(e.account));
  const entry = (e: Omit<StackEntry, "waitsFor">, touches: readonly AccountConfig[]): StackEntry => ({
    ...e,
    waitsFor: [...new Set(touches)].filter((a) => !a.isManagement && a.accountId === undefined),
  });
  const entries: StackEntry[] = [
    entry({ id: ORG_STACK_ID, folder: "org", account: config.managementAccount, follows: [], outputs: [...outputNames(ORG_OUTPUTS), ORGANIZATION_TRAIL_BUCKET_OUTPUT.name] }, []),
  ];
  if (config.dns) {
    const dns = named(config.dns.account);
    // The environments' zones live in their accounts; the records roles trust the writing stacks' accounts.
    const writers = config.corp ? [named(config.corp.account)] : [];
    entries.push(entry({ id: DNS_STACK_ID, folder: "dns", account: dns, follows: [ORG_STACK_ID], outputs: outputNames(DNS_OUTPUTS) }, [dns, ...environmentAccounts, ...writers]));
  }
  if (config.corp && config.dns) {
    const corp = named(config.corp.account);
    // Records go into the DNS account (narrow role); the VPN-only buckets into the environments' accounts.
    entries.push(
      entry({ id: CORP_STACK_ID, folder: "corp", account: corp, follows: [ORG_STACK_ID, DNS_STACK_ID], outputs: outputNames(CORP_OUTPUTS) }, [corp, named(config.dns.account), ...environmentAccounts]),
    );
  }
  if (config.tools) {
    const tools = named(config.tools.account);
    // The deploy roles it owns live in the environments' accounts.
    entries.push(entry({ id: TOOLS_STACK_ID, folder: "tools", account: tools, follows: [ORG_STACK_ID], outputs: outputNames(TOOLS_OUTPUTS) }, [tools, ...environmentAccounts]));
  }
  if (config.app && config.dns) {
    // One per environment, in its account; its zone (and so the dns stack's state) comes first.
    for (const app of config.app.environments) {
      const account = named(app.account);
      entries.push(entry({ id: appStackId(app.environment), folder: "app", account, follows: [ORG_STACK_ID, DNS_STACK_ID], outputs: outputNames(appOutputs(app.environment)) }, [account]));
    }
  }
  return entries;
}

/** Why this stack cannot be deployed yet, one line per reason; empty when it can. `exists` tells whether a state file exists. */
export function deployBlockers(config: OrgConfig, entry: StackEntry, exists: (path: string) => boolean): string[] {
  const blockers = entry.waitsFor.map(
    (a) => `account ${a.name} has no account_id yet (${a.file}): ${PENDING_ACCOUNT_ADVICE}; until then stack ${entry.id} is only synthesized against the placeholder id ${PENDING_ACCOUNT_ID}`,
  );
  if (config.state.backend === "local") {
    for (const upstream of entry.follows) {
      const file = join(config.state.localDirectory, localStateFile(upstream));
      if (!exists(file)) blockers.push(`stack ${entry.id} reads the outputs of ${upstream}, which has no state yet (${file}): apply ${upstream} first (npm run deploy -- ${upstream})`);
    }
  }
  return blockers;
}

export function stackEntry(config: OrgConfig, id: string): StackEntry | undefined {
  return stackEntries(config).find((s) => s.id === id);
}

/** The application stack of an environment (`app-<environment>`): what `deploy:ci` deploys for it. */
export function appStackOf(config: OrgConfig, environment: string): StackEntry | undefined {
  return stackEntry(config, appStackId(environment));
}

/** The stacks deployed into an account. */
export function stacksInAccount(config: OrgConfig, accountName: string): StackEntry[] {
  return stackEntries(config).filter((s) => s.account.name === accountName);
}

/**
 * The deploy order as waves: every stack in a wave follows only stacks of
 * earlier waves, so the stacks of one wave can be applied at the same time.
 */
export function deployWaves(entries: readonly StackEntry[]): StackEntry[][] {
  const placed = new Set<string>();
  const known = new Set(entries.map((e) => e.id));
  const waves: StackEntry[][] = [];
  let left = [...entries];
  while (left.length > 0) {
    const wave = left.filter((e) => e.follows.every((f) => placed.has(f) || !known.has(f)));
    if (wave.length === 0) throw new Error(`stacks follow each other in a circle: ${left.map((e) => `${e.id} (after ${e.follows.join(", ")})`).join("; ")}`);
    for (const e of wave) placed.add(e.id);
    waves.push(wave);
    left = left.filter((e) => !placed.has(e.id));
  }
  return waves;
}
