/**
 * `accounts sync`: writes the id of every account the org stack created into
 * its config/accounts/<name>.yaml, read from the org stack's outputs. Ids
 * already in a file are facts: one that disagrees with the state is an
 * error for a person to resolve, never overwritten.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { memberAccounts, type OrgConfig } from "../../config/model.ts";
import { formatProblem } from "../../config/problems.ts";
import { parseSource, problemAt } from "../../config/source.ts";
import { accountPath, commitChanges, loadCurrent } from "../config-files.ts";
import { CliError, type Io, type Workspace } from "../io.ts";
import { accountIdsFrom, orgOutputsReader, type OrgOutputsReader } from "../org-outputs.ts";
import { editYaml } from "../yaml-edit.ts";

export interface SyncOptions {
  /** Where the outputs come from; default: the org stack's state (see orgOutputsReader). */
  readonly reader?: OrgOutputsReader;
}

export interface SyncResult {
  /** Accounts whose id was written, with the id. */
  readonly written: readonly { name: string; id: string }[];
  /** Accounts still without an id (not created yet). */
  readonly pending: readonly string[];
}

export async function runSync(ws: Workspace, io: Io, options: SyncOptions = {}): Promise<SyncResult> {
  const config = loadCurrent(ws);
  const reader = options.reader ?? orgOutputsReader(ws, config);
  const ids = accountIdsFrom(await reader.read(), reader.source);

  const changes = new Map<string, string>();
  const written: { name: string; id: string }[] = [];
  const conflicts: string[] = [];
  const pending: string[] = [];
  for (const account of config.accounts) {
    const id = ids.get(account.name);
    if (id === undefined) {
      if (account.accountId === undefined) pending.push(account.name);
      continue;
    }
    if (account.accountId === id) continue;
    const path = accountPath(account.name);
    const text = readFileSync(join(ws.configDir, path), "utf8");
    if (account.accountId !== undefined) {
      const { source } = parseSource(account.file, text);
      conflicts.push(
        formatProblem(
          problemAt(
            source,
            ["account_id"],
            `${account.accountId} is in the file, but the org stack's state (${reader.source}) says ${account.name} is ${id} ` +
              `(check which is right in the AWS Organizations console and correct the file by hand; sync never overwrites an id)`,
          ),
        ),
      );
      continue;
    }
    changes.set(path, editYaml(text, [{ kind: "set", key: "account_id", value: id, quote: true }]));
    written.push({ name: account.name, id });
  }
  if (conflicts.length > 0) {
    throw new CliError(
      `${conflicts.length === 1 ? "an account id disagrees" : `${conflicts.length} account ids disagree`} with the org stack's state:\n${conflicts.map((c) => `  ${c}`).join("\n")}\nNothing was written.`,
    );
  }

  const known = new Set(config.accounts.map((a) => a.name));
  for (const name of [...ids.keys()].filter((n) => !known.has(n))) {
    io.err(`note: ${name} is in the org stack's state but not in the config (ignored; if it was removed on purpose, see "Retiring an account" in the README)`);
  }
  if (changes.size > 0) commitChanges(ws, changes);
  report(io, config, written, pending);
  return { written, pending };
}

function report(io: Io, config: OrgConfig, written: readonly { name: string; id: string }[], pending: readonly string[]): void {
  const fileOf = (name: string) => config.accounts.find((a) => a.name === name)!.file;
  for (const { name, id } of written) io.out(`${fileOf(name)}: account_id "${id}" written`);
  if (written.length === 0) io.out("every account id in the org stack's state is already in the config; nothing written");
  const members = new Set(memberAccounts(config).map((a) => a.name));
  const pendingMembers = pending.filter((n) => members.has(n));
  if (pendingMembers.length > 0) io.out(`still without an id (not created yet): ${pendingMembers.join(", ")} (run: npm run accounts -- provision)`);
}
