/**
 * People's access, from config/access.yaml: IAM Identity Center permission
 * sets, the groups people join (created in the identity store, or an
 * existing group referenced by id), and one assignment per group,
 * permission set and account. In the management account's stack because
 * the Identity Center instance is there; an account's id comes from the
 * account resource itself, so a new account gets its access in the same
 * apply that creates it.
 */
import { IdentitystoreGroup } from "@cdktf/provider-aws/lib/identitystore-group";
import type { OrganizationsAccount } from "@cdktf/provider-aws/lib/organizations-account";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SsoadminAccountAssignment } from "@cdktf/provider-aws/lib/ssoadmin-account-assignment";
import { SsoadminManagedPolicyAttachment } from "@cdktf/provider-aws/lib/ssoadmin-managed-policy-attachment";
import { SsoadminPermissionSet } from "@cdktf/provider-aws/lib/ssoadmin-permission-set";
import { SsoadminPermissionSetInlinePolicy } from "@cdktf/provider-aws/lib/ssoadmin-permission-set-inline-policy";
import type { AwsProviderConfig } from "@cdktf/provider-aws/lib/provider";
import type { Construct } from "constructs";
import type { AccessConfig } from "../config/access-model.ts";

export interface PeopleAccessProps {
  readonly access: AccessConfig;
  /** The management account's own id (it has no account resource). */
  readonly managementAccount: { readonly name: string; readonly accountId?: string };
  readonly accounts: ReadonlyMap<string, OrganizationsAccount>;
  /** The stack's provider settings, for an alias when Identity Center runs in another region. */
  readonly providerConfig: AwsProviderConfig;
}

/** Terraform names take letters, digits, - and _; permission set names also +=,.@ */
function idPart(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, "_");
}

export function createPeopleAccess(scope: Construct, props: PeopleAccessProps): void {
  const { access } = props;
  const provider =
    props.providerConfig.region === access.region ? undefined : new AwsProvider(scope, "aws-identity-center", { ...props.providerConfig, alias: "identity_center", region: access.region });
  const on = provider ? { provider } : {};
  const instanceArn = access.instanceArn;

  const permissionSetArns = new Map<string, string>();
  for (const ps of access.permissionSets) {
    const id = `permission-set-${idPart(ps.name)}`;
    const set = new SsoadminPermissionSet(scope, id, {
      instanceArn,
      name: ps.name,
      ...(ps.description !== undefined && { description: ps.description }),
      sessionDuration: ps.sessionDuration,
      ...on,
    });
    permissionSetArns.set(ps.name, set.arn);
    for (const policyArn of ps.managedPolicies) {
      new SsoadminManagedPolicyAttachment(scope, `${id}-${idPart(policyArn.split("/").at(-1)!)}`, { instanceArn, permissionSetArn: set.arn, managedPolicyArn: policyArn, ...on });
    }
    if (ps.inlinePolicy !== undefined) {
      new SsoadminPermissionSetInlinePolicy(scope, `${id}-inline`, { instanceArn, permissionSetArn: set.arn, inlinePolicy: ps.inlinePolicy, ...on });
    }
  }

  const groupIds = new Map<string, string>();
  for (const group of access.groups) {
    groupIds.set(
      group.name,
      group.existingGroupId ??
        new IdentitystoreGroup(scope, `group-${idPart(group.name)}`, {
          identityStoreId: access.identityStoreId,
          displayName: group.name,
          ...(group.description !== undefined && { description: group.description }),
          ...on,
        }).groupId,
    );
  }

  for (const a of access.assignments) {
    const targetId = a.account === props.managementAccount.name ? props.managementAccount.accountId : props.accounts.get(a.account)?.id;
    if (targetId === undefined) throw new Error(`access: ${a.account} has no account id and no account resource in the org stack`);
    new SsoadminAccountAssignment(scope, `access-${idPart(a.group)}-${idPart(a.permissionSet)}-${idPart(a.account)}`, {
      instanceArn,
      permissionSetArn: permissionSetArns.get(a.permissionSet)!,
      principalId: groupIds.get(a.group)!,
      principalType: "GROUP",
      targetId,
      targetType: "AWS_ACCOUNT",
      ...on,
    });
  }
}
