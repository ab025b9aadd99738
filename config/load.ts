/**
 * The one place YAML is read. Returns the whole organization typed and
 * frozen, or throws a ConfigError listing every problem at once.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { CLOUDTRAIL_PRINCIPAL, DEFAULT_ROOT_GUARDRAILS, IDENTITY_CENTER_PRINCIPAL, PROTECTED_ENVIRONMENT_GUARDRAIL, ROOT_TARGET, type GuardrailName } from "./guardrail-names.ts";
import type { AccountConfig, EnvironmentConfig, GuardrailAttachment, GuardrailExpectation, GuardrailsConfig, OrgConfig, OrganizationalUnitConfig } from "./model.ts";
import { ConfigError, type Problem } from "./problems.ts";
import { accountFileSchema, guardrailExpectationsFileSchema, organizationFileSchema, type AccountFile, type GuardrailExpectationsFile, type OrganizationFile } from "./schema.ts";
import { schemaProblems } from "./schema-problems.ts";
import { lineOf, parseSource } from "./source.ts";
import { checkExpectations } from "./validate-expectations.ts";
import { loadAppPart } from "./load-app.ts";
import { DEFAULT_SITE_ROOT, loadCorpPart } from "./load-corp.ts";
import { loadAccessPart } from "./load-access.ts";
import { loadToolsPart } from "./load-tools.ts";
import { crossCheck, type ParsedAccount, type ParsedFile } from "./validate.ts";
import type { z } from "zod";

export interface LoadOptions {
  /** The config folder (holds organization.yaml and accounts/). */
  readonly configDir: string;
  /** Paths in messages and state folders are relative to this; default: the config folder's parent. */
  readonly repoRoot?: string;
  /** Where corp.yaml's website folder is looked up; default: corp/ of this repository (the site is code, not config). */
  readonly siteRoot?: string;
}

export const ORGANIZATION_FILE = "organization.yaml";
export const ACCOUNTS_DIR = "accounts";
/** Optional: what the guardrails must allow and deny (npm run guardrails). */
export const EXPECTATIONS_FILE = "guardrail-expectations.yaml";

export function loadConfig(options: LoadOptions): OrgConfig {
  const configDir = resolve(options.configDir);
  const repoRoot = resolve(options.repoRoot ?? join(configDir, ".."));
  const display = (file: string) => relative(repoRoot, file);
  const problems: Problem[] = [];

  const orgPath = join(configDir, ORGANIZATION_FILE);
  const org = readAndCheck(orgPath, display(orgPath), organizationFileSchema, problems);

  const accountsDir = join(configDir, ACCOUNTS_DIR);
  const accounts: ParsedAccount[] = [];
  const accountFiles = listAccountFiles(accountsDir, display, problems);
  for (const entry of accountFiles) {
    const parsed = readAndCheck(join(accountsDir, entry), display(join(accountsDir, entry)), accountFileSchema, problems);
    if (parsed) accounts.push({ ...parsed, fileName: basename(entry, ".yaml") });
  }

  const expectationsPath = join(configDir, EXPECTATIONS_FILE);
  const expectations = existsSync(expectationsPath) ? readAndCheck(expectationsPath, display(expectationsPath), guardrailExpectationsFileSchema, problems) : undefined;

  // DNS and Corp: dns_account, corp_account and config/corp.yaml (load-corp.ts).
  const corp = loadCorpPart(configDir, display, org, resolve(options.siteRoot ?? DEFAULT_SITE_ROOT), readAndCheck, problems);
  // The Tools account's pipelines: tools_account and config/tools.yaml (load-tools.ts).
  const tools = loadToolsPart(configDir, display, org, readAndCheck, problems);
  // The application's knobs per environment: config/app.yaml (load-app.ts).
  const app = loadAppPart(configDir, display, org, readAndCheck, problems);
  // People's access through IAM Identity Center: config/access.yaml (load-access.ts).
  const access = loadAccessPart(configDir, display, org, accounts, readAndCheck, problems);

  // Cross-file checks run on whatever parsed, so one broken file does not
  // hide the others' problems; the account list is checked against every file present.
  const present = accountFiles.map((f) => basename(f, ".yaml"));
  if (org) problems.push(...crossCheck(org, accounts, present));
  if (org && expectations) problems.push(...checkExpectations(expectations, org));
  if (problems.length > 0 || !org) throw new ConfigError(problems);
  const model = buildModel(org, accounts, repoRoot, expectations);
  const people = access.build();
  // Account assignments need Identity Center's trusted access, as the trail needs CloudTrail's.
  const principals =
    people.access !== undefined && !model.serviceAccessPrincipals.includes(IDENTITY_CENTER_PRINCIPAL) ? { serviceAccessPrincipals: [...model.serviceAccessPrincipals, IDENTITY_CENTER_PRINCIPAL] } : {};
  return deepFreeze({ ...model, ...principals, ...corp.build(org.data), ...tools.build(org.data), ...app.build(org.data), ...people });
}

function listAccountFiles(dir: string, display: (f: string) => string, problems: Problem[]): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    problems.push({ file: display(dir), line: 1, field: "(folder)", message: "is missing (create it with one <name>.yaml per account)" });
    return [];
  }
  for (const entry of entries.filter((e) => e.endsWith(".yml"))) {
    problems.push({ file: display(join(dir, entry)), line: 1, field: "(file)", message: "has the extension .yml (rename it to .yaml; only .yaml files are read)" });
  }
  return entries.filter((e) => e.endsWith(".yaml"));
}

function readAndCheck<S extends z.ZodType>(path: string, display: string, schema: S, problems: Problem[]): ParsedFile<z.output<S>> | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    problems.push({ file: display, line: 1, field: "(file)", message: "cannot be read (does it exist?)" });
    return undefined;
  }
  const { source, problems: syntax } = parseSource(display, text);
  if (syntax.length > 0) {
    problems.push(...syntax);
    return undefined;
  }
  const result = schema.safeParse(source.data ?? {});
  if (!result.success) {
    problems.push(...schemaProblems(source, schema, result.error.issues));
    return undefined;
  }
  return { source, data: result.data };
}

function buildModel(org: ParsedFile<OrganizationFile>, files: readonly ParsedAccount[], repoRoot: string, expectations: ParsedFile<GuardrailExpectationsFile> | undefined): OrgConfig {
  const o = org.data;
  const environmentsOf = (account: string) =>
    Object.entries(o.environments)
      .filter(([, e]) => e.account === account)
      .map(([env]) => env);
  const toAccount = (f: ParsedAccount): AccountConfig => toAccountConfig(f.data, f.source.display, o, environmentsOf(f.data.name));
  const byName = new Map(files.map((f) => [f.fileName, f]));
  const management = toAccount(byName.get(o.management_account)!);
  const members = o.accounts.map((name) => toAccount(byName.get(name)!));

  const environments: EnvironmentConfig[] = Object.entries(o.environments).map(([name, e]) => ({
    name,
    account: e.account,
    trigger: e.branch !== undefined ? { kind: "branch", name: e.branch } : { kind: "tag", pattern: e.tag! },
    protected: e.protected,
  }));

  return {
    name: o.name,
    domain: o.domain,
    defaultRegion: o.default_region,
    allowedRegions: o.allowed_regions,
    emailPattern: o.email_pattern,
    serviceAccessPrincipals: serviceAccessPrincipals(o),
    managementAccount: management,
    accounts: [management, ...members],
    organizationalUnits: parentsFirst(o.organizational_units),
    environments,
    ...(o.log_archive_account !== undefined && { logArchiveAccount: o.log_archive_account }),
    guardrails: { ...guardrailsModel(org), expectations: expectations ? expectationsModel(expectations) : [] },
    quotas: { accounts: o.quotas.accounts, policySize: o.quotas.policy_size, policiesPerTarget: o.quotas.policies_per_target },
    state: {
      backend: o.state.backend,
      bucket: o.state.bucket,
      region: o.state.region ?? o.default_region,
      ...(o.state.role_arn !== undefined && { roleArn: o.state.role_arn }),
      keyPrefix: o.state.key_prefix,
      localDirectory: resolve(repoRoot, o.state.local_directory),
      keyOverrides: o.state.key_overrides,
    },
  };
}

function toAccountConfig(a: AccountFile, file: string, o: OrganizationFile, environments: readonly string[]): AccountConfig {
  return {
    name: a.name,
    title: a.title,
    email: a.email,
    region: a.region ?? o.default_region,
    ...(a.ou !== undefined && { ou: a.ou }),
    adminRoleName: a.admin_role_name,
    ...(a.account_id !== undefined && { accountId: a.account_id }),
    isManagement: a.name === o.management_account,
    environments,
    file,
  };
}

/**
 * The listed principals, plus CloudTrail's when config asks for the
 * organization trail (log_archive_account): the trail cannot exist without
 * it, and the user has already said they want the trail. The plan shows the
 * whole list on the organization.
 */
function serviceAccessPrincipals(o: OrganizationFile): string[] {
  const listed = [...o.service_access_principals];
  if (o.log_archive_account !== undefined && !listed.includes(CLOUDTRAIL_PRINCIPAL)) listed.push(CLOUDTRAIL_PRINCIPAL);
  return listed;
}

/** Listed attachments (the default root list when none is given), plus data-store protection on every account of a protected environment. */
function guardrailsModel({ source, data: o }: ParsedFile<OrganizationFile>): Omit<GuardrailsConfig, "expectations"> {
  const g = o.guardrails;
  const root = g.root ?? DEFAULT_ROOT_GUARDRAILS;
  const off = DEFAULT_ROOT_GUARDRAILS.filter((name) => !root.includes(name));
  const perAccount = new Map<string, GuardrailName[]>(Object.entries(g.accounts).map(([a, p]) => [a, [...p]]));
  for (const env of Object.values(o.environments).filter((e) => e.protected)) {
    const list = perAccount.get(env.account) ?? [];
    if (!list.includes(PROTECTED_ENVIRONMENT_GUARDRAIL)) list.push(PROTECTED_ENVIRONMENT_GUARDRAIL);
    perAccount.set(env.account, list);
  }
  const attachments: GuardrailAttachment[] = [
    ...(root.length > 0 ? [{ target: ROOT_TARGET, kind: "root" as const, policies: root }] : []),
    ...Object.entries(g.ous).map(([target, policies]) => ({ target, kind: "ou" as const, policies })),
    ...[...perAccount].map(([target, policies]) => ({ target, kind: "account" as const, policies })),
  ];
  return {
    ...(g.break_glass_role !== undefined && { breakGlassRole: g.break_glass_role }),
    attachments,
    ...(off.length > 0 && { defaultsOff: { guardrails: off, at: `${source.display}:${lineOf(source, ["guardrails", "root"], true)}` } }),
  };
}

function expectationsModel({ source, data }: ParsedFile<GuardrailExpectationsFile>): GuardrailExpectation[] {
  return data.expectations.map((e, i) => ({
    name: e.name,
    target: e.account !== undefined ? { kind: "account", name: e.account } : { kind: "ou", name: e.ou! },
    principal: e.principal === "root" ? { kind: "root" } : { kind: "role", name: e.principal.slice("role/".length) },
    action: e.action,
    resource: e.resource ?? "*",
    ...(e.region !== undefined && { region: e.region }),
    expect: e.expect,
    file: source.display,
    line: lineOf(source, ["expectations", i]),
  }));
}

/** Cycles were rejected before this runs, so the walk terminates. */
function parentsFirst(units: OrganizationFile["organizational_units"]): OrganizationalUnitConfig[] {
  const depth = (name: string): number => {
    const parent = units[name]?.parent;
    return parent === undefined ? 0 : 1 + depth(parent);
  };
  return Object.keys(units)
    .map((name, index) => ({ name, index, depth: depth(name) }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .map(({ name }) => {
      const parent = units[name]!.parent;
      return parent === undefined ? { name } : { name, parent };
    });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
