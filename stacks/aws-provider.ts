/**
 * The AWS provider every stack uses: the account's region, the admin role of
 * member accounts, a pin to the account id so a stack can never apply into
 * the wrong account, and tags that say who manages what.
 */
import { AwsProvider, type AwsProviderConfig } from "@cdktf/provider-aws/lib/provider";
import type { Construct } from "constructs";
import type { AccountConfig, OrgConfig } from "../config/model.ts";
import { roleArn } from "./naming.ts";

export function defaultTags(config: OrgConfig, account: AccountConfig, stackId: string): Record<string, string> {
  return {
    ManagedBy: "cdktf",
    Organization: config.name,
    Stack: stackId,
    Account: account.name,
    Environment: account.environment ?? "none",
  };
}

export function awsProviderConfig(config: OrgConfig, account: AccountConfig, stackId: string): AwsProviderConfig {
  const accountId = account.accountId;
  if (!account.isManagement && accountId === undefined) {
    throw new Error(
      `${account.file}: account ${account.name} has no account_id yet, so stack ${stackId} cannot assume a role in it ` +
        `(apply the org stack first, then write the id with: npm run accounts -- sync)`,
    );
  }
  return {
    region: account.region,
    ...(accountId !== undefined && { allowedAccountIds: [accountId] }),
    ...(!account.isManagement && {
      assumeRole: [{ roleArn: roleArn(accountId!, account.adminRoleName), sessionName: `cdktf-${stackId}` }],
    }),
    defaultTags: [{ tags: defaultTags(config, account, stackId) }],
  };
}

export function addAwsProvider(scope: Construct, config: OrgConfig, account: AccountConfig, stackId: string): AwsProvider {
  return new AwsProvider(scope, "aws", awsProviderConfig(config, account, stackId));
}
