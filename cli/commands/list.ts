/** `accounts list`: every account of the config as a table, with the state of the stack deployed into it. */
import { relative } from "node:path";
import type { AccountConfig, OrgConfig } from "../../config/model.ts";
import { stateKey } from "../../naming/names.ts";
import { stacksInAccount } from "../../stacks/registry.ts";
import { loadCurrent } from "../config-files.ts";
import type { Io, Workspace } from "../io.ts";
import { localStatePath, resourcesInState } from "../org-outputs.ts";

export interface AccountRow {
  readonly name: string;
  readonly id: string;
  readonly ou: string;
  readonly email: string;
  readonly region: string;
  readonly environment: string;
  readonly stack: string;
}

const HEADERS: AccountRow = { name: "NAME", id: "ID", ou: "OU", email: "EMAIL", region: "REGION", environment: "ENVIRONMENT", stack: "STACK STATE" };

export interface ListOptions {
  /** Also list who may sign in to each account (config/access.yaml). */
  readonly access?: boolean;
}

export async function runList(ws: Workspace, io: Io, options: ListOptions = {}): Promise<AccountRow[]> {
  const config = loadCurrent(ws);
  const rows = config.accounts.map((a) => row(ws, config, a));
  for (const line of table([HEADERS, ...rows], io.columns)) io.out(line);
  if (options.access) for (const line of accessLines(config)) io.out(line);
  return rows;
}

/** Per account, the groups that may sign in and with which permission sets. */
export function accessLines(config: OrgConfig): string[] {
  if (config.access === undefined) return ["", 'who may sign in: not managed here (no config/access.yaml; see org/README.md "People\'s access")'];
  const assignments = config.access.assignments;
  return [
    "",
    "who may sign in (IAM Identity Center, config/access.yaml):",
    ...config.accounts.map((a) => {
      const here = assignments.filter((x) => x.account === a.name).map((x) => `${x.group} (${x.permissionSet})`);
      return `  ${a.name}: ${here.length > 0 ? here.join(", ") : "nobody"}`;
    }),
  ];
}

/** The stacks deployed into an account, from the registry. */
export function stacksOf(config: OrgConfig, account: AccountConfig): string[] {
  return stacksInAccount(config, account.name).map((s) => s.id);
}

function row(ws: Workspace, config: OrgConfig, account: AccountConfig): AccountRow {
  return {
    name: account.name,
    id: account.accountId ?? "pending",
    ou: account.ou ?? "(root)",
    email: account.email,
    region: account.region,
    environment: account.environments.join(", ") || "-",
    stack:
      stacksOf(config, account)
        .map((id) => stackState(ws, config, id))
        .join("; ") || "-",
  };
}

function stackState(ws: Workspace, config: OrgConfig, stackId: string): string {
  const path = localStatePath(config, stackId);
  if (path === undefined) return `${stackId}: s3://${config.state.bucket}/${stateKey(stackId, config.state.keyPrefix, config.state.keyOverrides)} (not read)`;
  const count = resourcesInState(path);
  if (count === undefined) return `${stackId}: no state`;
  return `${stackId}: ${count} resource${count === 1 ? "" : "s"} (${relative(ws.repoRoot, path)})`;
}

/** Columns given up, in this order, when the table is wider than the terminal. */
const DROP_FIRST: readonly (keyof AccountRow)[] = ["email", "region", "environment", "ou"];

/** The table as lines; with `columns`, no wider than that (columns dropped, then the last one cut with "…"). */
function table(rows: readonly AccountRow[], columns?: number): string[] {
  let keys = Object.keys(HEADERS) as (keyof AccountRow)[];
  const render = (ks: readonly (keyof AccountRow)[]) => {
    const widths = ks.map((k) => Math.max(...rows.map((r) => r[k].length)));
    return rows.map((r) =>
      ks
        .map((k, i) => (i === ks.length - 1 ? r[k] : r[k].padEnd(widths[i]!)))
        .join("  ")
        .trimEnd(),
    );
  };
  let lines = render(keys);
  for (const drop of DROP_FIRST) {
    if (columns === undefined || lines.every((l) => l.length <= columns)) break;
    keys = keys.filter((k) => k !== drop);
    lines = render(keys);
  }
  if (columns === undefined) return lines;
  return lines.map((l) => (l.length <= columns ? l : `${l.slice(0, columns - 1)}…`));
}
