/**
 * The values a new account file needs (title, email, region, OU), their
 * defaults, and the per-answer checks prompts run. The checks are the
 * schema's own field rules, so a prompt refuses what the loader would; the
 * loader still validates the whole result before anything is written.
 */
import { accountFileSchema, type OrganizationFile } from "../config/schema.ts";
import type { ConfigDraft } from "./config-files.ts";
import { emailFromPattern } from "../config/email-pattern.ts";
import { emailOwners, emailProblem } from "./emails.ts";
import { CliError, UsageError, type Io } from "./io.ts";

/** The OU retired accounts move to (`accounts retire`); never a default for new accounts. */
export const SUSPENDED_OU = "suspended";

export interface AccountValues {
  title: string;
  email: string;
  region: string;
  /** Undefined for the management account, which sits at the root. */
  ou: string | undefined;
}

/** Values given on the command line; each overrides its default and is not asked for. */
export interface ValueFlags {
  readonly title?: string;
  readonly email?: string;
  readonly region?: string;
  readonly ou?: string;
}

const titleSchema = accountFileSchema.shape.title;

/** "prod" in organization "acme" -> "Acme Prod"; "data-lake" -> "Acme Data Lake". */
export function defaultTitle(orgName: string, name: string): string {
  const words = (s: string) =>
    s
      .split("-")
      .filter(Boolean)
      .map((w) => w[0]!.toUpperCase() + w.slice(1));
  const full = [...words(orgName), ...words(name)].join(" ");
  return full.length <= 50 ? full : words(name).join(" ").slice(0, 50).trimEnd();
}

/**
 * An environment's account goes where the accounts of other environments
 * with the same protection already are (a new qa beside dev in nonprod);
 * any other account where most member accounts are (the suspended OU
 * aside), else the first OU listed.
 */
export function defaultOu(draft: ConfigDraft, name: string): string | undefined {
  const ous = Object.keys(draft.org.organizational_units).filter((o) => o !== SUSPENDED_OU);
  const environments = Object.values(draft.org.environments);
  const own = environments.find((e) => e.account === name);
  if (own !== undefined) {
    const peer = environments
      .filter((e) => e.account !== name && (e.protected ?? false) === (own.protected ?? false))
      .map((e) => draft.accounts.get(e.account)?.fields.ou)
      .find((ou): ou is string => ou !== undefined && ous.includes(ou));
    if (peer !== undefined) return peer;
  }
  const count = new Map<string, number>();
  for (const a of draft.accounts.values()) {
    const ou = a.fields.ou;
    if (ou !== undefined && ous.includes(ou)) count.set(ou, (count.get(ou) ?? 0) + 1);
  }
  let best = ous[0];
  for (const ou of ous) if ((count.get(ou) ?? 0) > (count.get(best!) ?? 0)) best = ou;
  return best;
}

export function titleProblem(value: string): string | undefined {
  const parsed = titleSchema.safeParse(value);
  return parsed.success ? undefined : `title ${JSON.stringify(value)} ${parsed.error.issues[0]!.message}`;
}

export function regionProblem(value: string, org: OrganizationFile): string | undefined {
  return org.allowed_regions.includes(value as never) ? undefined : `${value} is not in allowed_regions of organization.yaml (use one of ${org.allowed_regions.join(", ")}, or add it there first)`;
}

/** Other accounts' emails (lower-cased) -> name, from the files present, minus `except`. */
export function otherEmails(draft: ConfigDraft, except: string): Map<string, string> {
  return emailOwners([...draft.accounts.values()].filter((a) => a.name !== except).map((a) => ({ name: a.name, email: a.fields.email })));
}

/**
 * Fills in one account's values: flags first, then the answer to a prompt
 * (interactive) or the default (`--yes`). `emails` holds the addresses
 * already taken, including ones chosen earlier in the same run.
 */
export async function askAccountValues(
  io: Io,
  draft: ConfigDraft,
  name: string,
  flags: ValueFlags,
  options: {
    ask: boolean;
    isManagement: boolean;
    emails: ReadonlyMap<string, string>;
    /** The email has no default: it must be given (an imported account's real root email). */
    emailRequired?: string;
  },
): Promise<AccountValues> {
  const { org } = draft;
  const defaults: AccountValues = {
    title: defaultTitle(org.name, name),
    email: options.emailRequired !== undefined ? "" : emailFromPattern(org.email_pattern, name),
    region: org.default_region,
    ou: options.isManagement ? undefined : defaultOu(draft, name),
  };
  const check = (problem: string | undefined, flag: string) => {
    if (problem !== undefined) throw new CliError(`--${flag}: ${problem}`);
  };
  if (flags.title !== undefined) check(titleProblem(flags.title), "title");
  if (flags.email !== undefined) check(emailProblem(flags.email, options.emails), "email");
  if (flags.region !== undefined) check(regionProblem(flags.region, org), "region");
  if (flags.ou === SUSPENDED_OU && !options.isManagement) {
    throw new UsageError(
      `--ou ${SUSPENDED_OU}: that OU is where retired accounts wait to be closed, under the deny-all guardrail; a new account there could do nothing ` +
        `(choose another OU; to retire an account use: npm run accounts -- retire <name>)`,
    );
  }
  if (flags.ou !== undefined && !options.isManagement && !(flags.ou in org.organizational_units)) {
    check(`${flags.ou} is not an OU of organization.yaml (use one of ${Object.keys(org.organizational_units).join(", ")})`, "ou");
  }
  if (!options.ask) {
    if (flags.email === undefined && options.emailRequired !== undefined) throw new UsageError(`--email is required: ${options.emailRequired}`);
    return {
      title: flags.title ?? defaults.title,
      email: flags.email ?? defaults.email,
      region: flags.region ?? defaults.region,
      ou: options.isManagement ? undefined : (flags.ou ?? defaults.ou),
    };
  }
  io.out(`${name}${options.isManagement ? " (management account)" : ""}:`);
  const title = flags.title ?? (await io.prompt.input({ message: "Title (AWS account name)", default: defaults.title, validate: titleProblem }));
  const email =
    flags.email ??
    (await io.prompt.input({
      message: "Root email",
      ...(defaults.email ? { default: defaults.email } : {}),
      validate: (v) => (v === "" && options.emailRequired !== undefined ? options.emailRequired : emailProblem(v, options.emails)),
    }));
  const region = flags.region ?? (await io.prompt.select({ message: "Home region", choices: org.allowed_regions, default: defaults.region }));
  const ou = options.isManagement
    ? undefined
    : (flags.ou ??
      (await io.prompt.select({
        message: "Organizational unit",
        choices: Object.keys(org.organizational_units).filter((o) => o !== SUSPENDED_OU),
        ...(defaults.ou !== undefined && { default: defaults.ou }),
      })));
  return { title, email, region, ou };
}

/** The text of a new account file, in the field order of the examples; region only when it differs from the default. */
export function accountFileFields(name: string, values: AccountValues, defaultRegion: string, extra: readonly (readonly [string, string, boolean?])[] = []): (readonly [string, string, boolean?])[] {
  return [
    ["name", name],
    ["title", values.title],
    ["email", values.email],
    ...(values.ou !== undefined ? [["ou", values.ou] as const] : []),
    ...(values.region !== defaultRegion ? [["region", values.region] as const] : []),
    ...extra,
  ];
}

export const ACCOUNT_FILE_HEADER = "yaml-language-server: $schema=../schema/account.schema.json";
