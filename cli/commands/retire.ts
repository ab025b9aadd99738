/**
 * `accounts retire <name>`: the safe way to redo or remove an account.
 * Terraform never destroys an account here (prevent_destroy, close_on_deletion
 * false); retiring moves it to the suspended OU, frees its root email for a
 * new account, and leaves the closing to a person.
 *
 * Two steps, because of what the provider can do: hashicorp/aws 5.100.0
 * updates an account's parent_id (and name) in place but *replaces* it when
 * the email changes, which prevent_destroy refuses (measured: see
 * test/cli/retire.test.ts). So the email is changed outside Terraform with
 * the Account Management API, which mails a code to the new address, and
 * only then written into the config (`--email-changed`), where a refresh
 * finds AWS already agreeing. Every config this command writes plans without
 * a replacement.
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { PROTECTED_ENVIRONMENT_GUARDRAIL } from "../../config/guardrail-names.ts";
import { ORGANIZATION_FILE } from "../../config/load.ts";
import type { AccountConfig, OrgConfig } from "../../config/model.ts";
import { formatProblem } from "../../config/problems.ts";
import { parseSource, problemAt } from "../../config/source.ts";
import { closest } from "../../config/suggest.ts";
import { constructId } from "../../naming/names.ts";
import { SUSPENDED_OU } from "../account-fields.ts";
import { accountPath, commitChanges, displayPath, loadCurrent } from "../config-files.ts";
import { emailOwners, emailProblem, isRetiredAlias, retiredAlias } from "../emails.ts";
import { CliError, type Io, type Workspace } from "../io.ts";
import { orgStackDir } from "../org-outputs.ts";
import { editYaml, type YamlEdit } from "../yaml-edit.ts";

export interface RetireOptions {
  readonly name: string;
  /** The root email was changed to the retired alias in AWS: write it into the config. */
  readonly emailChanged?: boolean;
  /** The alias to use instead of <local>-retired-N@<domain> (it must receive mail). */
  readonly retiredEmail?: string;
}

export interface RetireResult {
  readonly alias: string;
  readonly moved: boolean;
  readonly emailWritten: boolean;
}

export async function runRetire(ws: Workspace, io: Io, options: RetireOptions): Promise<RetireResult> {
  const config = loadCurrent(ws);
  const account = findAccount(config, options.name);
  if (account.isManagement) {
    throw new CliError(
      `${account.name} is the management account: it owns the organization and cannot be retired (retire the member accounts; deleting the organization is a manual act in the AWS console)`,
    );
  }
  if (account.accountId === undefined) {
    throw new CliError(
      `${account.file}: ${account.name} has no account_id, so it was never created, or its id was not synced yet (run: npm run accounts -- sync). ` +
        `An account that does not exist needs no retiring: remove ${account.name} from accounts in organization.yaml and delete ${account.file}` +
        beforeRemoving(config, account),
    );
  }
  if (!config.organizationalUnits.some((ou) => ou.name === SUSPENDED_OU)) {
    const display = displayPath(ws, ORGANIZATION_FILE);
    const { source } = parseSource(display, readFileSync(join(ws.configDir, ORGANIZATION_FILE), "utf8"));
    throw new CliError(
      formatProblem(problemAt(source, ["organizational_units"], `has no ${SUSPENDED_OU} OU, where retired accounts wait to be closed (add "${SUSPENDED_OU}: {}" under organizational_units)`, true)),
    );
  }

  const others = emailOwners(config.accounts.filter((a) => a.name !== account.name));
  if (options.retiredEmail !== undefined) {
    const problem = emailProblem(options.retiredEmail, others);
    if (problem !== undefined) throw new CliError(`--retired-email: ${problem}`);
  }
  const alias = options.retiredEmail ?? (isRetiredAlias(account.email) ? account.email : aliasFor(account, others));

  const edits: YamlEdit[] = [];
  const moved = account.ou !== SUSPENDED_OU;
  if (moved) edits.push({ kind: "set", key: "ou", value: SUSPENDED_OU, comment: `retired; was ${account.ou}` });
  const emailWritten = options.emailChanged === true && account.email !== alias;
  if (emailWritten) edits.push({ kind: "set", key: "email", value: alias, comment: `retired; was ${account.email}` });

  if (edits.length > 0) {
    const path = accountPath(account.name);
    commitChanges(ws, new Map([[path, editYaml(readFileSync(join(ws.configDir, path), "utf8"), edits)]]));
    if (moved) io.out(`${account.file}: ou ${SUSPENDED_OU} (was ${account.ou})`);
    if (emailWritten) io.out(`${account.file}: email ${alias} (was ${account.email}); ${account.email} is free for a new account`);
  } else {
    io.out(`${account.file}: nothing to change (already in ${SUSPENDED_OU}${options.emailChanged ? ` with the email ${alias}` : ""})`);
  }
  io.out("");
  for (const line of nextSteps(ws, config, account, alias, options, moved, emailWritten || isRetiredAlias(account.email))) io.out(line);
  return { alias, moved, emailWritten };
}

function findAccount(config: OrgConfig, name: string): AccountConfig {
  const account = config.accounts.find((a) => a.name === name);
  if (account) return account;
  const names = config.accounts.map((a) => a.name);
  const guess = closest(name, names);
  throw new CliError(`${name} is not an account in the config (${guess ? `did you mean ${guess}? ` : ""}accounts: ${names.join(", ")})`);
}

function aliasFor(account: AccountConfig, others: ReadonlyMap<string, string>): string {
  try {
    return retiredAlias(account.email, new Set(others.keys()));
  } catch (err) {
    throw new CliError(`${account.file}: ${(err as Error).message}`);
  }
}

function nextSteps(ws: Workspace, config: OrgConfig, account: AccountConfig, alias: string, options: RetireOptions, moved: boolean, emailDone: boolean): string[] {
  const id = account.accountId!;
  const address = `aws_organizations_account.${constructId("account", account.name)}`;
  const orgDir = relative(ws.repoRoot, orgStackDir(ws)) || ".";
  const aliasFlag = options.retiredEmail !== undefined ? ` --retired-email ${alias}` : "";
  const steps: string[] = [`Retiring ${account.name} (${id}). What is left, in order:`];
  let n = 1;
  steps.push(
    moved ? `  ${n++}. Apply the move: npm run accounts -- provision` : `  ${n++}. If the move is not applied yet: npm run accounts -- provision`,
    `     (the plan updates ${address} in place: parent_id to the ${SUSPENDED_OU} OU; nothing is destroyed)`,
  );
  if (!emailDone) {
    steps.push(
      `  ${n++}. Free the root email ${account.email}. Terraform cannot change it (provider hashicorp/aws 5.100.0 replaces an account`,
      `     whose email changes, and prevent_destroy refuses that). With management-account credentials:`,
      `       aws organizations enable-aws-service-access --service-principal account.amazonaws.com   # once per organization`,
      `       aws account start-primary-email-update --account-id ${id} --primary-email ${alias}`,
      `       aws account accept-primary-email-update --account-id ${id} --primary-email ${alias} --otp <code mailed to ${alias}>`,
      `     ${alias} must receive mail (choose another address with --retired-email).`,
      `  ${n++}. Record it: npm run accounts -- retire ${account.name} --email-changed${aliasFlag}`,
    );
  }
  steps.push(
    `  ${n++}. Close the account once nothing in it is needed: AWS Organizations console > AWS accounts > ${account.name} > Close,`,
    `     or: aws organizations close-account --account-id ${id}`,
    `     AWS keeps it suspended for 90 days, then closes it for good; you can close 10% of the member accounts (at least 10) in a rolling 30 days.`,
    `  ${n}. Right after closing, before the next provision, let Terraform forget it without destroying anything:`,
    `       terraform -chdir=${orgDir} state rm '${address}'`,
    `     then remove ${account.name} from accounts in ${displayPath(ws, ORGANIZATION_FILE)} and delete ${account.file}`,
    `     (to redo it instead, delete only the file, then: npm run accounts -- init ${account.name}, and provision).`,
  );
  const before = beforeRemoving(config, account);
  if (before !== "") steps.push(`    ${before}`);
  return steps;
}

/** " Before removing it: ..." naming every place of the config that refers to the account, or "" when none does. */
function beforeRemoving(config: OrgConfig, account: AccountConfig): string {
  const uses = [
    ...config.environments.filter((e) => e.account === account.name).map((e) => `environment ${e.name} deploys into it`),
    // The data-store guardrail follows a protected environment by itself; others are attached by name.
    ...(config.guardrails.attachments.some((g) => g.kind === "account" && g.target === account.name && g.policies.some((p) => p !== PROTECTED_ENVIRONMENT_GUARDRAIL))
      ? ["guardrails are attached to it by name (guardrails.accounts)"]
      : []),
    ...(config.logArchiveAccount === account.name ? ["it is the log_archive_account"] : []),
  ];
  return uses.length === 0 ? "" : ` Before removing it: ${uses.join("; ")} (point those at another account in organization.yaml).`;
}
