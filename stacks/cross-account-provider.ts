/**
 * An aliased AWS provider for writing into another account of the
 * organization from this stack (Cloud Posse's providers-<account>.tf
 * pattern): it assumes that account's admin role, is pinned to its id with
 * allowed_account_ids, and tags like the account's own stacks do.
 *
 * The role ARN must be known at synth time: a provider whose assume_role
 * depends on a resource not yet created cannot be configured during plan. So
 * callers check `account.accountId` first (see org/organization-trail.ts).
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { Construct } from "constructs";
import type { AccountConfig, OrgConfig } from "../config/model.ts";
import { awsProviderConfig } from "./aws-provider.ts";

/** Terraform provider aliases: letters, digits and underscores read best in HCL. */
export function providerAlias(account: AccountConfig): string {
  return `account_${account.name.replace(/-/g, "_")}`;
}

export function crossAccountProvider(scope: Construct, config: OrgConfig, account: AccountConfig, stackId: string): AwsProvider {
  return new AwsProvider(scope, `aws-${account.name}`, {
    ...awsProviderConfig(config, account, stackId),
    alias: providerAlias(account),
  });
}
