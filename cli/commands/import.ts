/**
 * `accounts import <name> --id <12 digits> --admin-role <role>`: an AWS
 * account that already exists and has accepted the organization's
 * invitation. Its file carries the id, so the org stack imports the account
 * instead of creating one, and the name of the admin role someone created in
 * it (an invited account has no OrganizationAccountAccessRole of its own).
 */
import { configWarnings } from "../../config/model.ts";
import { formatProblem } from "../../config/problems.ts";
import { accountFileSchema, accountId } from "../../config/schema.ts";
import { parseSource, problemAt } from "../../config/source.ts";
import { ORGANIZATION_FILE } from "../../config/load.ts";
import { ACCOUNT_FILE_HEADER, accountFileFields, askAccountValues, otherEmails, regionProblem, titleProblem, type ValueFlags } from "../account-fields.ts";
import { accountPath, commitChanges, displayPath, readDraft, type ConfigDraft } from "../config-files.ts";
import { emailProblem } from "../emails.ts";
import { CliError, UsageError, type Io, type Workspace } from "../io.ts";
import { editYaml, newYamlFile, type YamlEdit } from "../yaml-edit.ts";

export interface ImportOptions extends ValueFlags {
  readonly name: string;
  readonly id: string;
  /** The role in the account that the management account can assume. */
  readonly adminRole?: string;
  readonly yes?: boolean;
}

const nameSchema = accountFileSchema.shape.name;
const roleSchema = accountFileSchema.shape.admin_role_name.unwrap();
const ROLE_HINT =
  "an invited account has no OrganizationAccountAccessRole unless someone created it; create an admin role that trusts the management account (README: Importing an existing account) and give its name";

export function accountIdProblem(id: string): string | undefined {
  if (accountId.safeParse(id).success) return undefined;
  const what = /^\d+$/.test(id) ? `is ${id.length} digits` : id === "" ? "is empty" : "is not all digits";
  return `${JSON.stringify(id)} ${what}; an AWS account id is exactly 12 digits (copy it from the AWS Organizations console, Accounts page)`;
}

export function roleProblem(role: string): string | undefined {
  const parsed = roleSchema.safeParse(role);
  return parsed.success ? undefined : `${JSON.stringify(role)} ${parsed.error.issues[0]!.message}`;
}

export async function runImport(ws: Workspace, io: Io, options: ImportOptions): Promise<void> {
  const { name, id } = options;
  const nameCheck = nameSchema.safeParse(name);
  if (!nameCheck.success) throw new CliError(`account name ${JSON.stringify(name)} ${nameCheck.error.issues[0]!.message}`);
  const idProblem = accountIdProblem(id);
  if (idProblem !== undefined) throw new CliError(`--id ${idProblem}`);
  if (options.adminRole !== undefined) {
    const problem = roleProblem(options.adminRole);
    if (problem !== undefined) throw new CliError(`--admin-role ${problem}`);
  }

  const draft = readDraft(ws);
  const { org } = draft;
  if (name === org.management_account) {
    throw new CliError(`${name} is the management account; import is for member accounts that accepted the organization's invitation`);
  }
  refuseIdInUse(ws, draft, name, id);

  const ask = !options.yes && io.interactive;
  let adminRole = options.adminRole;
  if (adminRole === undefined) {
    if (!ask) throw new UsageError(`--admin-role is required: ${ROLE_HINT}`);
    adminRole = await io.prompt.input({ message: "Admin role name (assumable from the management account)", validate: (v) => roleProblem(v) });
  }

  const changes = new Map<string, string>();
  const path = accountPath(name);
  const existing = draft.accounts.get(name);
  if (existing) {
    changes.set(path, editYaml(existing.text, existingFileEdits(draft, options, adminRole)));
  } else {
    if (!options.yes && !io.interactive && options.email === undefined) {
      throw new UsageError(`${name} needs a root email and there is no terminal to ask for it (pass --email with the account's current root email)`);
    }
    const values = await askAccountValues(io, draft, name, options, {
      ask,
      isManagement: false,
      emails: otherEmails(draft, name),
      emailRequired: "give the account's current root email (a different one would make Terraform plan to replace the account)",
    });
    const fields = accountFileFields(name, values, org.default_region, [
      ["admin_role_name", adminRole],
      ["account_id", id, true],
    ]);
    changes.set(path, newYamlFile([ACCOUNT_FILE_HEADER, "Imported: this account existed and was invited into the organization."], fields));
  }
  if (!org.accounts.includes(name)) changes.set(ORGANIZATION_FILE, editYaml(draft.orgText, [{ kind: "append", key: "accounts", item: name }]));

  const config = commitChanges(ws, changes);
  for (const p of changes.keys()) io.out(`${displayPath(ws, p)} written`);
  for (const warning of configWarnings(config)) io.err(warning);
  io.out(
    `next: npm run accounts -- provision (the org stack imports ${name} by id ${id}; its email in the file must be the account's current root email, or Terraform plans to replace the account and prevent_destroy stops the plan)`,
  );
}

function refuseIdInUse(ws: Workspace, draft: ConfigDraft, name: string, id: string): void {
  for (const other of draft.accounts.values()) {
    const current = other.fields.account_id;
    if (current === undefined) continue;
    const { source } = parseSource(displayPath(ws, other.path), other.text);
    if (other.name !== name && current === id) {
      throw new CliError(formatProblem(problemAt(source, ["account_id"], `${id} is already the id of ${other.name} (one AWS account has one config file; check the --id)`)));
    }
    if (other.name === name && current !== id) {
      throw new CliError(
        formatProblem(problemAt(source, ["account_id"], `${name} already has the id ${current}, not ${id} (import is for an account without an id; correct the file by hand if it is wrong)`)),
      );
    }
  }
}

/** An existing file without an id: add the id and role, and any value given as a flag. */
function existingFileEdits(draft: ConfigDraft, options: ImportOptions, adminRole: string): YamlEdit[] {
  const edits: YamlEdit[] = [];
  const check = (problem: string | undefined, flag: string) => {
    if (problem !== undefined) throw new CliError(`--${flag}: ${problem}`);
  };
  if (options.title !== undefined) {
    check(titleProblem(options.title), "title");
    edits.push({ kind: "set", key: "title", value: options.title });
  }
  if (options.email !== undefined) {
    check(emailProblem(options.email, otherEmails(draft, options.name)), "email");
    edits.push({ kind: "set", key: "email", value: options.email });
  }
  if (options.region !== undefined) {
    check(regionProblem(options.region, draft.org), "region");
    edits.push({ kind: "set", key: "region", value: options.region });
  }
  if (options.ou !== undefined) edits.push({ kind: "set", key: "ou", value: options.ou });
  const current = draft.accounts.get(options.name)!;
  if (current.fields.admin_role_name !== adminRole) edits.push({ kind: "set", key: "admin_role_name", value: adminRole });
  edits.push({ kind: "set", key: "account_id", value: options.id, quote: true });
  return edits;
}
