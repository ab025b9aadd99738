/**
 * `accounts init`: a config/accounts/<name>.yaml for every account
 * organization.yaml lists that has none yet. Existing files are never
 * touched, so running it again changes nothing.
 */
import { configWarnings, quotaWarning } from "../../config/model.ts";
import { ACCOUNT_FILE_HEADER, accountFileFields, askAccountValues, otherEmails, type ValueFlags } from "../account-fields.ts";
import { ORGANIZATION_FILE } from "../../config/load.ts";
import type { Problem } from "../../config/problems.ts";
import { accountPath, commitChanges, displayPath, readDraft, type ConfigDraft } from "../config-files.ts";
import { CliError, UsageError, type Io, type Workspace } from "../io.ts";
import { newYamlFile } from "../yaml-edit.ts";

export interface InitOptions extends ValueFlags {
  /** Only these accounts (default: every listed account without a file). */
  readonly names?: readonly string[];
  /** Take the defaults instead of asking. */
  readonly yes?: boolean;
}

export interface InitResult {
  readonly written: readonly string[];
  readonly skipped: readonly string[];
}

export async function runInit(ws: Workspace, io: Io, options: InitOptions = {}): Promise<InitResult> {
  const draft = readDraft(ws);
  const { org } = draft;
  const listed = [org.management_account, ...org.accounts.filter((n) => n !== org.management_account)];
  for (const name of options.names ?? []) {
    if (!listed.includes(name)) {
      throw new CliError(`${name} is not listed in organization.yaml (add it under accounts: first, then run init again)`);
    }
  }
  const wanted = options.names && options.names.length > 0 ? listed.filter((n) => options.names!.includes(n)) : listed;
  const skipped = wanted.filter((n) => draft.accounts.has(n));
  const missing = wanted.filter((n) => !draft.accounts.has(n));
  for (const name of skipped) io.out(`${displayPath(ws, accountPath(name))} exists, skipped`);

  if (missing.length > 1 && (options.title !== undefined || options.email !== undefined)) {
    throw new UsageError(`--title and --email describe one account, but ${missing.length} accounts need a file (${missing.join(", ")}) (name the one: accounts init <name> --title ...)`);
  }
  const flags = (["title", "email", "region", "ou"] as const).filter((f) => options[f] !== undefined);
  if (flags.length > 0 && missing.length === 0 && skipped.length > 0) {
    throw new UsageError(
      `${skipped.map((n) => displayPath(ws, accountPath(n))).join(", ")} ${skipped.length === 1 ? "exists" : "exist"}, so ${flags.map((f) => `--${f}`).join(", ")} would not be applied ` +
        `(init never changes a file: edit it by hand, or delete it and run init again)`,
    );
  }
  // Before any question: the answer to "should I add this account at all" may be no.
  const quota = quotaWarning(listed.length, draft.org.quotas.accounts);
  if (quota !== undefined && missing.length > 0) io.err(quota);

  const ask = !options.yes;
  if (missing.length > 0 && ask && !io.interactive) {
    throw new UsageError(
      `${missing.join(", ")} ${missing.length === 1 ? "has" : "have"} no account file, and there is no terminal to ask for the values ` +
        `(re-run with --yes to take the defaults; --title, --email, --region and --ou set values)`,
    );
  }

  const changes = new Map<string, string>();
  const chosen = new Map<string, string>();
  const emails = otherEmails(draft, "");
  for (const name of missing) {
    const isManagement = name === org.management_account;
    const values = await askAccountValues(io, draft, name, options, { ask, isManagement, emails });
    emails.set(values.email.toLowerCase(), name);
    const comments = [ACCOUNT_FILE_HEADER, ...(isManagement ? ["The management account: it owns the Organization and the state bucket."] : [])];
    changes.set(accountPath(name), newYamlFile(comments, accountFileFields(name, values, org.default_region)));
    chosen.set(accountPath(name), [`title: ${values.title}`, `email: ${values.email}`, `region: ${values.region}`, ...(values.ou ? [`ou: ${values.ou}`] : [])].join(", "));
  }

  // Validates the whole config as it would be, even when nothing is written: init leaves a config that loads, or says why not.
  // Accounts left for later (init <name> names others) are only allowed to still have no file.
  const deferred = listed.filter((n) => !draft.accounts.has(n) && !missing.includes(n));
  const config = deferred.length === 0 ? commitChanges(ws, changes) : commitChanges(ws, changes, (p) => isMissingFileOf(ws, draft, deferred, p));
  // The values, so a default that does not fit (an OU, a region) is seen now, not after provision.
  for (const path of changes.keys()) io.out(`${displayPath(ws, path)} written (${chosen.get(path)})`);
  if (changes.size === 0) io.out(missing.length === 0 && deferred.length === 0 ? "every listed account has its file; nothing written" : "nothing written");
  if (deferred.length > 0) io.out(`still without a file: ${deferred.join(", ")} (run: npm run accounts -- init)`);
  if (config) for (const warning of configWarnings(config).filter((w) => w !== quota)) io.err(warning);
  if (changes.size > 0) io.out("next: review the files, then create the accounts with: npm run accounts -- provision");
  return { written: missing, skipped };
}

/** The loader's problem "listed account without a file", for one of `names`: it sits on that account's entry in organization.yaml. */
function isMissingFileOf(ws: Workspace, draft: ConfigDraft, names: readonly string[], p: Problem): boolean {
  if (p.file !== displayPath(ws, ORGANIZATION_FILE)) return false;
  if (p.field === "management_account") return names.includes(draft.org.management_account);
  const index = /^accounts\[(\d+)\]$/.exec(p.field)?.[1];
  return index !== undefined && names.includes(draft.org.accounts[Number(index)]!);
}
