/**
 * Member accounts. An account is never destroyed by Terraform: closing one is
 * a deliberate manual act (see `accounts retire`), so every account is
 * prevent_destroy with close_on_deletion false.
 */
import { OrganizationsAccount } from "@cdktf/provider-aws/lib/organizations-account";
import type { Construct } from "constructs";
import type { AccountConfig } from "../config/model.ts";
import { constructId } from "../naming/names.ts";
import type { OuIds } from "./organization-units.ts";

export function createMemberAccounts(scope: Construct, accounts: readonly AccountConfig[], ous: OuIds): Map<string, OrganizationsAccount> {
  const created = new Map<string, OrganizationsAccount>();
  for (const account of accounts) {
    const resource = new OrganizationsAccount(scope, constructId("account", account.name), {
      name: account.title,
      email: account.email,
      parentId: ous.get(account.ou!)!,
      roleName: account.adminRoleName,
      closeOnDeletion: false,
      iamUserAccessToBilling: "ALLOW",
      lifecycle: {
        preventDestroy: true,
        // Both are write-only at creation: AWS cannot read them back, and an
        // imported account would otherwise be planned for replacement.
        ignoreChanges: ["role_name", "iam_user_access_to_billing"],
      },
    });
    // Known ids are adopted, not created. For an account this stack created
    // the import is a no-op once it is in state; it also re-adopts it if the
    // state is ever lost.
    if (account.accountId !== undefined) resource.importFrom(account.accountId);
    created.set(account.name, resource);
  }
  return created;
}
