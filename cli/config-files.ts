/**
 * Reading the config files a command is about to change, and writing them
 * back all-or-nothing.
 *
 * Validation belongs to the loader alone: a command computes the new text of
 * every file it changes, `commitChanges` loads the whole resulting config
 * with `loadConfig` from a scratch copy, and only when that passes are the
 * real files written. A mistake therefore never leaves a half-changed config.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { isMap, parseDocument } from "yaml";
import { ACCOUNTS_DIR, loadConfig, ORGANIZATION_FILE } from "../config/load.ts";
import type { OrgConfig } from "../config/model.ts";
import { ConfigError, type Problem } from "../config/problems.ts";
import { organizationFileSchema, type OrganizationFile } from "../config/schema.ts";
import { schemaProblems } from "../config/schema-problems.ts";
import { parseSource } from "../config/source.ts";
import type { Workspace } from "./io.ts";

/** New text by path relative to the config folder (e.g. accounts/prod.yaml). */
export type FileChanges = ReadonlyMap<string, string>;

/** An account file as found, before the whole config is valid (init and import run on incomplete config). */
export interface AccountDraft {
  readonly name: string;
  /** Relative to the config folder. */
  readonly path: string;
  readonly text: string;
  /** Top-level fields that are strings, for defaults and duplicate checks; {} when the file does not parse. */
  readonly fields: Readonly<Record<string, string>>;
}

export interface ConfigDraft {
  readonly org: OrganizationFile;
  readonly orgText: string;
  /** Every accounts/*.yaml present, by file name without .yaml. */
  readonly accounts: ReadonlyMap<string, AccountDraft>;
}

export function accountPath(name: string): string {
  return `${ACCOUNTS_DIR}/${name}.yaml`;
}

/** A path relative to the config folder as messages show it: relative to the repository root (config/accounts/prod.yaml). */
export function displayPath(ws: Workspace, path: string): string {
  return relative(ws.repoRoot, join(ws.configDir, path));
}

/** The config folder's files as they are, with organization.yaml checked against its schema (the commands need its fields). */
export function readDraft(ws: Workspace): ConfigDraft {
  const orgFile = join(ws.configDir, ORGANIZATION_FILE);
  const display = relative(ws.repoRoot, orgFile);
  let orgText: string;
  try {
    orgText = readFileSync(orgFile, "utf8");
  } catch {
    throw new ConfigError([{ file: display, line: 1, field: "(file)", message: "cannot be read (does it exist? set ORG_CONFIG_DIR to the config folder)" }]);
  }
  const { source, problems } = parseSource(display, orgText);
  if (problems.length > 0) throw new ConfigError(problems);
  const parsed = organizationFileSchema.safeParse(source.data ?? {});
  if (!parsed.success) throw new ConfigError(schemaProblems(source, organizationFileSchema, parsed.error.issues));

  const accounts = new Map<string, AccountDraft>();
  const dir = join(ws.configDir, ACCOUNTS_DIR);
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".yaml"))
        .sort()
    : [];
  for (const file of files) {
    const name = basename(file, ".yaml");
    const text = readFileSync(join(dir, file), "utf8");
    accounts.set(name, { name, path: accountPath(name), text, fields: stringFields(text) });
  }
  return { org: parsed.data, orgText, accounts };
}

function stringFields(text: string): Record<string, string> {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return {};
  const data = doc.toJS() as Record<string, unknown>;
  return Object.fromEntries(Object.entries(data).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** Loads the valid config as it is now (the loader's errors propagate as ConfigError). */
export function loadCurrent(ws: Workspace): OrgConfig {
  return loadConfig({ configDir: ws.configDir, repoRoot: ws.repoRoot });
}

/**
 * Validates the config as it would be after `changes` and, only if the
 * loader accepts it, writes the changed files. Returns the config as loaded
 * from the scratch copy (its state paths point there: use it for checks and
 * warnings, not for paths). Throws the loader's ConfigError otherwise, with
 * paths as the user knows them, and writes nothing.
 */
export function commitChanges(ws: Workspace, changes: FileChanges): OrgConfig;
/** As above, tolerating the problems `tolerate` accepts; returns undefined when there were any (the config does not load yet). */
export function commitChanges(ws: Workspace, changes: FileChanges, tolerate: (p: Problem) => boolean): OrgConfig | undefined;
export function commitChanges(ws: Workspace, changes: FileChanges, tolerate?: (p: Problem) => boolean): OrgConfig | undefined {
  const scratch = mkdtempSync(join(tmpdir(), "accounts-cli-"));
  try {
    // Same folder name under a stand-in root, so messages read config/accounts/x.yaml as they would for the real files.
    const copy = join(scratch, relative(ws.repoRoot, ws.configDir) || basename(ws.configDir));
    mkdirSync(copy, { recursive: true });
    // Every file of the config folder (organization.yaml, corp.yaml, guardrail-expectations.yaml ...): the copy is checked as a whole.
    for (const file of readdirSync(ws.configDir).filter((f) => f.endsWith(".yaml"))) cpSync(join(ws.configDir, file), join(copy, file));
    const accountsDir = join(ws.configDir, ACCOUNTS_DIR);
    if (existsSync(accountsDir)) cpSync(accountsDir, join(copy, ACCOUNTS_DIR), { recursive: true });
    for (const [path, text] of changes) {
      mkdirSync(dirname(join(copy, path)), { recursive: true });
      writeFileSync(join(copy, path), text);
    }
    let config: OrgConfig | undefined;
    try {
      config = loadConfig({ configDir: copy, repoRoot: scratch });
    } catch (err) {
      if (!(err instanceof ConfigError) || !tolerate) throw err;
      const remaining = err.problems.filter((p) => !tolerate(p));
      if (remaining.length > 0) throw new ConfigError(remaining);
    }
    writeAll(ws.configDir, changes);
    return config;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Every file is written beside its target first, then renamed over it: a reader never sees half a file. */
function writeAll(configDir: string, changes: FileChanges): void {
  const staged: [string, string][] = [];
  try {
    for (const [path, text] of changes) {
      const target = join(configDir, path);
      mkdirSync(dirname(target), { recursive: true });
      const temp = `${target}.tmp-${process.pid}`;
      writeFileSync(temp, text);
      staged.push([temp, target]);
    }
  } catch (err) {
    for (const [temp] of staged) rmSync(temp, { force: true });
    throw err;
  }
  for (const [temp, target] of staged) renameSync(temp, target);
}
