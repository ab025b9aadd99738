/**
 * The organization as the stacks see it: typed, complete (defaults applied),
 * cross-checked and frozen. Built only by the loader.
 */
import type { AwsRegion } from "./regions.ts";

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
  /** The environment deployed into this account, if any. */
  readonly environment?: string;
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
  readonly state: StateConfig;
}

export function memberAccounts(config: OrgConfig): AccountConfig[] {
  return config.accounts.filter((a) => !a.isManagement);
}

export function accountNamed(config: OrgConfig, name: string): AccountConfig {
  const account = config.accounts.find((a) => a.name === name);
  if (!account) throw new Error(`no account named ${name} in the config`);
  return account;
}
