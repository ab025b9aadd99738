/**
 * The service control policies that apply to one member account, level by
 * level as AWS evaluates them: the organization root, each OU from the top
 * down to the account's own, then the account. AWS attaches its own
 * FullAWSAccess to every one of those targets (this repository never
 * detaches it), so every level holds it beside the guardrails config attaches.
 */
import { accountNamed, type OrgConfig } from "../../../config/model.ts";
import { policyDocument, type PolicyDocument } from "../../../stacks/policy-document.ts";
import { usedGuardrails } from "../index.ts";

/** AWS's managed FullAWSAccess SCP, as AWS writes it. */
export const FULL_AWS_ACCESS: PolicyDocument = policyDocument({ Effect: "Allow", Action: "*", Resource: "*" });

export interface ScpPolicy {
  /** The guardrail name, or FullAWSAccess. */
  readonly name: string;
  readonly document: PolicyDocument;
}

export interface ScpLevel {
  /** As shown in a report: "root", "OU workloads", "account prod". */
  readonly target: string;
  readonly policies: readonly ScpPolicy[];
}

/** Where a request is made: a member account, or a new account placed in an OU (no account-level guardrails yet). */
export type Placement = { readonly account: string } | { readonly newAccountInOu: string };

/** Root first, the account last. SCPs do not apply to the management account, so asking for it is a mistake. */
export function scpChain(config: OrgConfig, placement: Placement): ScpLevel[] {
  const documents = usedGuardrails(config);
  const level = (target: string, kind: "root" | "ou" | "account", name: string): ScpLevel => {
    const attached = config.guardrails.attachments.filter((a) => a.kind === kind && (kind === "root" || a.target === name));
    const guardrails = attached.flatMap((a) => a.policies).map((p) => ({ name: p, document: documents.get(p)! }));
    return { target, policies: [{ name: "FullAWSAccess", document: FULL_AWS_ACCESS }, ...guardrails] };
  };
  const root = level("root", "root", "root");
  if ("newAccountInOu" in placement) {
    const ou = placement.newAccountInOu;
    return [root, ...ouPath(config, ou).map((o) => level(`OU ${o}`, "ou", o)), level(`a new account in OU ${ou}`, "account", "")];
  }
  const account = accountNamed(config, placement.account);
  if (account.isManagement || account.ou === undefined) {
    throw new Error(`${account.name} is the management account: service control policies do not apply to it`);
  }
  return [root, ...ouPath(config, account.ou).map((o) => level(`OU ${o}`, "ou", o)), level(`account ${account.name}`, "account", account.name)];
}

/** The OU and its ancestors, top-level OU first. */
export function ouPath(config: OrgConfig, ou: string): string[] {
  const path: string[] = [];
  for (let current: string | undefined = ou; current !== undefined;) {
    path.unshift(current);
    current = config.organizationalUnits.find((u) => u.name === current)?.parent;
  }
  return path;
}

/** Every member account in the OU or in an OU below it, in config order. */
export function accountsUnder(config: OrgConfig, ou: string): string[] {
  return config.accounts.filter((a) => a.ou !== undefined && ouPath(config, a.ou).includes(ou)).map((a) => a.name);
}
