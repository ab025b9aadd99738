/**
 * Accounts in use must be usable: an account that an environment deploys
 * into, that receives the organization trail, that a shared stack deploys
 * into or that holds the state role cannot sit under a guardrail that denies
 * everything (the suspended OU's deny-all). Found with an emulator: retiring
 * the production account moved it under deny-all and nothing objected;
 * everything in production would have stopped.
 */
import { DENY_EVERYTHING_GUARDRAILS } from "./guardrail-names.ts";
import type { Problem } from "./problems.ts";
import type { OrganizationFile } from "./schema.ts";
import { problemAt } from "./source.ts";
import type { ParsedAccount, ParsedFile } from "./validate.ts";

interface Use {
  /** Where config names the account. */
  readonly path: readonly (string | number)[];
  readonly account: string;
  /** What stops: "the prod environment could deploy nothing and what runs there stops". */
  readonly stops: string;
}

/** Every place config puts an account to work. */
function usesOf(data: OrganizationFile, accounts: readonly ParsedAccount[]): Use[] {
  const uses: Use[] = Object.entries(data.environments).map(([env, e]) => ({
    path: ["environments", env, "account"],
    account: e.account,
    stops: `the ${env} environment could deploy nothing and what runs there stops`,
  }));
  if (data.log_archive_account !== undefined) {
    uses.push({ path: ["log_archive_account"], account: data.log_archive_account, stops: "the organization trail could no longer write its logs there" });
  }
  for (const [field, stack] of [
    ["dns_account", "dns"],
    ["corp_account", "corp"],
  ] as const) {
    const name = data[field];
    if (name !== undefined) uses.push({ path: [field], account: name, stops: `the ${stack} stack could deploy nothing and what runs there stops` });
  }
  const stateAccountId = data.state.role_arn?.match(/^arn:aws:iam::(\d{12}):/)?.[1];
  const stateAccount = accounts.find((a) => stateAccountId !== undefined && a.data.account_id === stateAccountId);
  if (stateAccount !== undefined) {
    uses.push({ path: ["state", "role_arn"], account: stateAccount.data.name, stops: "no stack could read or write its state through that role" });
  }
  return uses;
}

/** Why `account` is under a deny-everything guardrail and the other way out, or undefined when it is not. */
function deniedBy(data: OrganizationFile, account: ParsedAccount): { why: string; orElse: string } | undefined {
  const denies = (list: readonly string[] | undefined) => list?.find((g) => (DENY_EVERYTHING_GUARDRAILS as readonly string[]).includes(g));
  const name = account.data.name;
  const own = denies(data.guardrails.accounts[name]);
  if (own !== undefined) {
    return { why: `has the guardrail ${own} attached (guardrails.accounts.${name}), which denies every action`, orElse: `remove ${own} from guardrails.accounts.${name}` };
  }
  const seen = new Set<string>();
  for (let ou = account.data.ou; ou !== undefined && !seen.has(ou); ou = data.organizational_units[ou]?.parent) {
    seen.add(ou);
    const policy = denies(data.guardrails.ous[ou]);
    if (policy !== undefined) {
      const where = ou === account.data.ou ? `sits in OU ${ou}` : `sits in OU ${account.data.ou}, under OU ${ou}`;
      return { why: `${where}, whose guardrail ${policy} denies every action`, orElse: `move ${name} out of ${account.data.ou} in ${account.source.display}` };
    }
  }
  const root = denies(data.guardrails.root);
  if (root === undefined) return undefined;
  return { why: `is under the guardrail ${root} on the organization root, which denies every action`, orElse: `remove ${root} from guardrails.root` };
}

export function checkAccountsInUse({ source, data }: ParsedFile<OrganizationFile>, accounts: readonly ParsedAccount[]): Problem[] {
  const byName = new Map(accounts.map((a) => [a.data.name, a]));
  const problems: Problem[] = [];
  for (const use of usesOf(data, accounts)) {
    const account = byName.get(use.account);
    if (account === undefined || account.data.name === data.management_account) continue;
    const denied = deniedBy(data, account);
    if (denied === undefined) continue;
    problems.push(problemAt(source, use.path, `${use.account} ${denied.why}: ${use.stops} (point ${use.path.join(".")} at another account first, or ${denied.orElse})`));
  }
  return problems;
}
