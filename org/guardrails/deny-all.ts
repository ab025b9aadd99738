import type { OrgConfig } from "../../config/model.ts";
import { policyDocument, type PolicyDocument } from "../../stacks/policy-document.ts";
import { breakGlassArns, exceptPrincipals } from "./principals.ts";

/**
 * Nothing at all happens in the account, except by the break-glass role (to
 * clean up before closing). For the OU where retired accounts wait: a
 * suspended account keeps its resources and roles until AWS closes it, and
 * none of them should still be usable. The management account moves and
 * closes accounts from outside, where SCPs do not apply.
 */
export function denyAll(config: OrgConfig): PolicyDocument {
  return policyDocument({
    Sid: "DenyAllInRetiredAccounts",
    Effect: "Deny",
    Action: "*",
    Resource: "*",
    ...exceptPrincipals(breakGlassArns(config)),
  });
}
