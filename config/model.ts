/**
 * The organization as the stacks see it: typed, complete (defaults applied),
 * cross-checked and frozen. Built only by the loader.
 */
import type { AccessConfig } from "./access-model.ts";
import type { AppConfig } from "./app-model.ts";
import type { CorpConfig, DnsConfig } from "./corp-model.ts";
import type { GuardrailName } from "./guardrail-names.ts";
import type { AwsRegion } from "./regions.ts";
import type { ToolsConfig } from "./tools-model.ts";

export interface AccountConfig {
  /** Identifier: file name, stack and resource names. */
  readonly name: string;
  /** AWS account name. */
  readonly title: string;
  readonly email: string;
  readonly region: AwsRegion;
  /** Absent only for the management account, which lives at the root. */
  readonly ou?: string;
  readonly adminRoleName: string;
  /** Known for existing accounts and after `accounts sync`. */
  readonly accountId?: string;
  readonly isManagement: boolean;
  /**
   * The environments deployed into this account: none, one, or several
   * unprotected ones sharing it (the loader refuses a protected environment
   * sharing its account).
   */
  readonly environments: readonly string[];
  /** Where it came from, for messages. */
  readonly file: string;
}

export interface OrganizationalUnitConfig {
  readonly name: string;
  /** Parent OU name; the organization root when absent. */
  readonly parent?: string;
}

export type GitTrigger = { readonly kind: "branch"; readonly name: string } | { readonly kind: "tag"; readonly pattern: string };

export interface EnvironmentConfig {
  readonly name: string;
  readonly account: string;
  readonly trigger: GitTrigger;
  readonly protected: boolean;
}

export interface StateConfig {
  readonly backend: "local" | "s3";
  readonly bucket: string;
  readonly region: AwsRegion;
  readonly roleArn?: string;
  readonly keyPrefix: string;
  /** Absolute path: the entry point resolves it against the repository root. */
  readonly localDirectory: string;
  readonly keyOverrides: Readonly<Record<string, string>>;
}

export interface GuardrailAttachment {
  /** "root", an OU name or an account name. */
  readonly target: string;
  readonly kind: "root" | "ou" | "account";
  readonly policies: readonly GuardrailName[];
}

export type ExpectationPrincipal = { readonly kind: "root" } | { readonly kind: "role"; readonly name: string };

/** A request and what the guardrails must answer to it (config/guardrail-expectations.yaml). */
export interface GuardrailExpectation {
  readonly name: string;
  /** One member account, or every account in an OU and below it. */
  readonly target: { readonly kind: "account" | "ou"; readonly name: string };
  readonly principal: ExpectationPrincipal;
  readonly action: string;
  /** An ARN with {account} and {region} still to fill in, or *. */
  readonly resource: string;
  /** aws:RequestedRegion; the account's region when absent. */
  readonly region?: AwsRegion;
  readonly expect: "allowed" | "denied";
  /** Where it is written, for reports. */
  readonly file: string;
  readonly line: number;
}

export interface GuardrailsConfig {
  /** Role name or ARN exempt from the access-role protection. */
  readonly breakGlassRole?: string;
  /** Listed attachments plus the data-store protection of protected environments' accounts. */
  readonly attachments: readonly GuardrailAttachment[];
  /** What the guardrails must allow and deny; empty without config/guardrail-expectations.yaml. */
  readonly expectations: readonly GuardrailExpectation[];
  /** Default root guardrails (DEFAULT_ROOT_GUARDRAILS) that an explicit root list leaves out, and where that list is (file:line). */
  readonly defaultsOff?: { readonly guardrails: readonly GuardrailName[]; readonly at: string };
}

export interface QuotasConfig {
  readonly accounts: number;
  readonly policySize: number;
  readonly policiesPerTarget: number;
}

export interface OrgConfig {
  readonly name: string;
  readonly domain: string;
  readonly defaultRegion: AwsRegion;
  readonly allowedRegions: readonly AwsRegion[];
  readonly emailPattern: string;
  readonly serviceAccessPrincipals: readonly string[];
  readonly managementAccount: AccountConfig;
  /** Management account first, then members in organization.yaml order. */
  readonly accounts: readonly AccountConfig[];
  /** Parents before children. */
  readonly organizationalUnits: readonly OrganizationalUnitConfig[];
  readonly environments: readonly EnvironmentConfig[];
  /** Receives the organization trail; none when absent. */
  readonly logArchiveAccount?: string;
  readonly guardrails: GuardrailsConfig;
  readonly quotas: QuotasConfig;
  readonly state: StateConfig;
  // --- DNS and Corp (config/corp-model.ts) ---
  /** The primary zone's account (dns stack); absent: no dns stack. */
  readonly dns?: DnsConfig;
  /** The Corp account's services (corp stack, config/corp.yaml); absent: no corp stack. */
  readonly corp?: CorpConfig;
  /** The Tools account's pipelines (tools stack, config/tools.yaml); absent: no tools stack. */
  readonly tools?: ToolsConfig;
  /** People's access through IAM Identity Center (org stack, config/access.yaml); absent: none managed here. */
  readonly access?: AccessConfig;
  // --- The application (config/app-model.ts) ---
  /** Every environment's app knobs (app stacks, config/app.yaml); absent: no app stacks. */
  readonly app?: AppConfig;
}

export function memberAccounts(config: OrgConfig): AccountConfig[] {
  return config.accounts.filter((a) => !a.isManagement);
}

export function accountNamed(config: OrgConfig, name: string): AccountConfig {
  const account = config.accounts.find((a) => a.name === name);
  if (!account) throw new Error(`no account named ${name} in the config`);
  return account;
}

/** Warnings that do not stop a synth, e.g. more accounts than the organization's quota. */
export function configWarnings(config: OrgConfig): string[] {
  const quota = quotaWarning(config.accounts.length, config.quotas.accounts);
  const off = defaultsOffWarning(config.guardrails);
  return [...(quota === undefined ? [] : [quota]), ...(off === undefined ? [] : [off])];
}

/** What a member account may do once a default root guardrail is off. */
const WITHOUT: Readonly<Record<string, string>> = {
  baseline: "member accounts can leave the organization, use their root user, and create IAM users and access keys",
  "protect-access-roles": "anyone with IAM rights in a member account can change or delete its admin and deploy roles",
};

function defaultsOffWarning(guardrails: GuardrailsConfig): string | undefined {
  const off = guardrails.defaultsOff;
  if (off === undefined) return undefined;
  const effects = off.guardrails.map((g) => `without ${g}, ${WITHOUT[g] ?? "its protection is gone"}`);
  return (
    `warning: ${off.at}  guardrails.root leaves out the default guardrail${off.guardrails.length === 1 ? "" : "s"} ${off.guardrails.join(", ")}: ${effects.join("; ")} ` +
    `(add ${off.guardrails.join(", ")} to guardrails.root, or remove the root list to get the defaults)`
  );
}

/** The warning for `count` accounts against the organization's account quota, or undefined within it. */
export function quotaWarning(count: number, quota: number): string | undefined {
  if (count <= quota) return undefined;
  return (
    `warning: the organization would have ${count} accounts but its quota is ${quota}: creating the rest fails ` +
    `until AWS raises it (Service Quotas console > AWS Organizations > "Default maximum number of accounts" > Request increase), ` +
    `then set quotas.accounts in organization.yaml`
  );
}
