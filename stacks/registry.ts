/**
 * The one list of stacks: which exist, the folder each lives in, the account
 * it deploys into, what must be applied before it and which outputs it
 * publishes. The root app, each folder's main.ts, the preview, deploy, the
 * sandbox's deploy order and `accounts list` all read it; nothing else lists
 * stacks. Pure data (no cdktf), so commands can read it without loading the
 * stacks.
 */
import type { AccountConfig, OrgConfig } from "../config/model.ts";
import { ORG_STACK_ID, OUTPUTS } from "./naming.ts";

/** Account folders that hold stack code (each has main.ts, cdktf.json, README.md). */
export const STACK_FOLDERS = ["org"] as const;
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
}

/** Every stack of the organization described by `config`, in deploy order. */
export function stackEntries(config: OrgConfig): StackEntry[] {
  return [{ id: ORG_STACK_ID, folder: "org", account: config.managementAccount, follows: [], outputs: Object.values(OUTPUTS) }];
}

export function stackEntry(config: OrgConfig, id: string): StackEntry | undefined {
  return stackEntries(config).find((s) => s.id === id);
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
