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
import { accountIdOf, awsProviderConfig } from "./aws-provider.ts";
import { dnsRecordsRoleName, roleArn } from "../naming/names.ts";

/** Terraform provider aliases: letters, digits and underscores read best in HCL. */
export function providerAlias(account: AccountConfig): string {
  return `account_${account.name.replace(/-/g, "_")}`;
}

export function crossAccountProvider(scope: Construct, config: OrgConfig, account: AccountConfig, stackId: string): AwsProvider {
  // One per account and stack: environments sharing an account share its provider.
  const existing = scope.node.tryFindChild(`aws-${account.name}`);
  if (existing instanceof AwsProvider) return existing;
  return new AwsProvider(scope, `aws-${account.name}`, {
    ...awsProviderConfig(config, account, stackId),
    alias: providerAlias(account),
  });
}

/**
 * The provider through which a stack writes its own records into the
 * primary zone: role chaining from the stack's own account role to its
 * narrow records role in the DNS account (dns/records-role.ts), pinned to
 * the DNS account. The role's policy allows only the names that stack owns.
 */
export function recordsRoleProvider(scope: Construct, config: OrgConfig, own: AccountConfig, dns: AccountConfig, stackId: string): AwsProvider {
  const base = awsProviderConfig(config, own, stackId);
  const dnsId = accountIdOf(dns)!;
  return new AwsProvider(scope, "aws-dns-records", {
    ...base,
    alias: "dns_records",
    allowedAccountIds: [dnsId],
    assumeRole: [...(Array.isArray(base.assumeRole) ? base.assumeRole : []), { roleArn: roleArn(dnsId, dnsRecordsRoleName(stackId)), sessionName: `cdktf-${stackId}-records` }],
  });
}

/** The stack's own account in another region (CloudFront's certificates live in us-east-1). */
export function regionProvider(scope: Construct, config: OrgConfig, account: AccountConfig, stackId: string, region: string): AwsProvider {
  return new AwsProvider(scope, `aws-${region}`, { ...awsProviderConfig(config, account, stackId), alias: region.replace(/-/g, "_"), region });
}
