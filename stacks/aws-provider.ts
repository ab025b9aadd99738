/**
 * The AWS provider every stack uses: the account's region, the admin role of
 * member accounts, a pin to the account id so a stack can never apply into
 * the wrong account, and tags that say who manages what.
 */
import { AwsProvider, type AwsProviderConfig } from "@cdktf/provider-aws/lib/provider";
import type { Construct } from "constructs";
import type { AccountConfig, OrgConfig } from "../config/model.ts";
import { PENDING_ACCOUNT_ID, roleArn } from "../naming/names.ts";

export function defaultTags(config: OrgConfig, account: AccountConfig, stackId: string): Record<string, string> {
  return {
    ManagedBy: "cdktf",
    Organization: config.name,
    Stack: stackId,
    Account: account.name,
    // Tag values take + but not commas: "dev+qa" for environments sharing an account.
    Environment: account.environments.join("+") || "none",
  };
}

/**
 * The account id to pin and assume into: config's, or for a member account
 * that does not exist yet the clearly fake PENDING_ACCOUNT_ID, so its stack
 * still synthesizes and plans offline (the registry marks it as waiting,
 * and deploy refuses it). Undefined only for a management account without id.
 */
export function accountIdOf(account: AccountConfig): string | undefined {
  return account.accountId ?? (account.isManagement ? undefined : PENDING_ACCOUNT_ID);
}

/** `enterAs`: the role assumed in a member account; its admin role unless a runner runs the stack (stacks/run-as.ts). */
export function awsProviderConfig(config: OrgConfig, account: AccountConfig, stackId: string, enterAs: string = account.adminRoleName): AwsProviderConfig {
  const accountId = accountIdOf(account);
  return {
    region: account.region,
    ...(accountId !== undefined && { allowedAccountIds: [accountId] }),
    ...(!account.isManagement && {
      assumeRole: [{ roleArn: roleArn(accountId!, enterAs), sessionName: `cdktf-${stackId}` }],
    }),
    defaultTags: [{ tags: defaultTags(config, account, stackId) }],
  };
}

export function addAwsProvider(scope: Construct, config: OrgConfig, account: AccountConfig, stackId: string, enterAs?: string): AwsProvider {
  return new AwsProvider(scope, "aws", awsProviderConfig(config, account, stackId, enterAs));
}
