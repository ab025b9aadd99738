/**
 * Checks that need more than one field or file: references between accounts,
 * OUs and environments, uniqueness across files, region allow-list, state
 * keys. Runs only on files that passed their schema, and reports every
 * problem rather than the first.
 */
import type { Problem } from "./problems.ts";
import type { AccountFile, OrganizationFile } from "./schema.ts";
import { email, SLUG } from "./schema.ts";
import { emailFromPattern } from "./email-pattern.ts";
import { checkAccountsInUse } from "./validate-in-use.ts";
import { problemAt, type SourceFile } from "./source.ts";
import { closest } from "./suggest.ts";
import { layoutStackIds, stateKey } from "../naming/names.ts";
import { AWS_DEFAULT_POLICIES_PER_TARGET, DEFAULT_ROOT_GUARDRAILS, PROTECTED_ENVIRONMENT_GUARDRAIL } from "./guardrail-names.ts";

export interface ParsedFile<T> {
  readonly source: SourceFile;
  readonly data: T;
}

export interface ParsedAccount extends ParsedFile<AccountFile> {
  /** The file's base name without .yaml: the name the account must have. */
  readonly fileName: string;
}

export function crossCheck(org: ParsedFile<OrganizationFile>, accounts: readonly ParsedAccount[], presentFiles: readonly string[]): Problem[] {
  return [
    ...checkRegions(org),
    ...checkAccountList(org, accounts, presentFiles),
    ...checkAccountNames(accounts),
    ...checkEmails(accounts),
    ...checkEmailPattern(org),
    ...checkAccountIds(accounts),
    ...checkAccountPlacement(org, accounts),
    ...checkOrganizationalUnits(org),
    ...checkEnvironments(org),
    ...checkStateKeys(org),
    ...checkLogArchive(org),
    ...checkGuardrails(org),
    ...checkAccountsInUse(org, accounts),
  ];
}

function checkRegions({ source, data }: ParsedFile<OrganizationFile>): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  data.allowed_regions.forEach((region, i) => {
    if (seen.has(region)) problems.push(problemAt(source, ["allowed_regions", i], `${region} is listed twice (remove one)`));
    seen.add(region);
  });
  if (data.state.region !== undefined && !data.allowed_regions.includes(data.state.region)) {
    problems.push(problemAt(source, ["state", "region"], `${data.state.region} is not in allowed_regions (add it there or keep the state bucket in an allowed region)`));
  }
  if (!data.allowed_regions.includes(data.default_region)) {
    problems.push(problemAt(source, ["default_region"], `${data.default_region} is not in allowed_regions (add it there or pick an allowed region)`));
  }
  return problems;
}

function checkAccountList(org: ParsedFile<OrganizationFile>, accounts: readonly ParsedAccount[], presentFiles: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const files = new Set(presentFiles);
  const listed = new Set<string>();
  const { source, data } = org;
  data.accounts.forEach((name, i) => {
    if (listed.has(name)) problems.push(problemAt(source, ["accounts", i], `${name} is listed twice (remove one)`));
    listed.add(name);
    if (name === data.management_account) {
      problems.push(problemAt(source, ["accounts", i], `${name} is the management account; list only member accounts here`));
    } else if (!files.has(name)) {
      problems.push(problemAt(source, ["accounts", i], `${name} has no file config/accounts/${name}.yaml (create it, or run: npm run accounts -- init)`));
    }
  });
  if (!files.has(data.management_account)) {
    problems.push(problemAt(source, ["management_account"], `${data.management_account} has no file config/accounts/${data.management_account}.yaml (create it)`));
  }
  for (const account of accounts) {
    if (account.fileName !== data.management_account && !listed.has(account.fileName)) {
      problems.push(problemAt(account.source, [], `${account.source.display} is not listed under accounts in ${source.display} (add ${account.fileName} there, or delete the file)`));
    }
  }
  return problems;
}

function checkAccountNames(accounts: readonly ParsedAccount[]): Problem[] {
  const problems: Problem[] = [];
  const firstByName = new Map<string, ParsedAccount>();
  for (const account of accounts) {
    const { name } = account.data;
    const first = firstByName.get(name);
    if (first) {
      problems.push(
        problemAt(
          account.source,
          ["name"],
          `${name} is already the name of ${first.source.display}:${lineOfName(first)} (each account needs its own name, equal to its file name: ${account.fileName})`,
        ),
      );
    } else {
      firstByName.set(name, account);
      if (name !== account.fileName) {
        problems.push(problemAt(account.source, ["name"], `${name} does not match the file name ${account.fileName}.yaml (rename the file or the name)`));
      }
    }
  }
  return problems;
}

function lineOfName(account: ParsedAccount): number {
  return problemAt(account.source, ["name"], "").line;
}

/** The pattern is how `accounts init` names a new account's root email: it must give one AWS accepts for every listed name. */
function checkEmailPattern({ source, data }: ParsedFile<OrganizationFile>): Problem[] {
  for (const name of [data.management_account, ...data.accounts]) {
    const filled = emailFromPattern(data.email_pattern, name);
    const parsed = email.safeParse(filled);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const what = issue.message.replace(/ \([^)]*\)$/, "");
      const advice = issue.code === "too_big" ? "shorten the pattern" : `the pattern must give a whole address, e.g. aws-{name}@${data.domain}`;
      return [problemAt(source, ["email_pattern"], `${JSON.stringify(data.email_pattern)} gives ${JSON.stringify(filled)} for account ${name}, which ${what} (${advice})`)];
    }
  }
  return [];
}

function checkEmails(accounts: readonly ParsedAccount[]): Problem[] {
  const problems: Problem[] = [];
  // AWS treats root emails case-insensitively: Ops@x.com and ops@x.com collide.
  const firstByEmail = new Map<string, ParsedAccount>();
  for (const account of accounts) {
    const key = account.data.email.toLowerCase();
    const first = firstByEmail.get(key);
    if (first) {
      const where = `${first.source.display}:${problemAt(first.source, ["email"], "").line}`;
      const sameCase = first.data.email === account.data.email;
      problems.push(
        problemAt(
          account.source,
          ["email"],
          `${account.data.email} is already the root email of ${first.data.name} (${where})${sameCase ? "" : ", differing only in case"} (every account needs its own address; use plus-addressing such as root+${account.data.name}@...)`,
        ),
      );
    } else {
      firstByEmail.set(key, account);
    }
  }
  return problems;
}

function checkAccountIds(accounts: readonly ParsedAccount[]): Problem[] {
  const problems: Problem[] = [];
  const firstById = new Map<string, ParsedAccount>();
  for (const account of accounts) {
    const id = account.data.account_id;
    if (id === undefined) continue;
    const first = firstById.get(id);
    if (first) {
      const where = `${first.source.display}:${problemAt(first.source, ["account_id"], "").line}`;
      problems.push(
        problemAt(account.source, ["account_id"], `${id} is already the id of ${first.data.name} (${where}); one AWS account cannot be two accounts here (fix the id that was copied wrong)`),
      );
    } else {
      firstById.set(id, account);
    }
  }
  return problems;
}

function checkAccountPlacement(org: ParsedFile<OrganizationFile>, accounts: readonly ParsedAccount[]): Problem[] {
  const problems: Problem[] = [];
  const ous = Object.keys(org.data.organizational_units);
  for (const { source, data, fileName } of accounts) {
    const region = data.region;
    if (region && !org.data.allowed_regions.includes(region)) {
      problems.push(problemAt(source, ["region"], `${region} is not in allowed_regions of ${org.source.display} (add it there or pick an allowed region)`));
    }
    const isManagement = fileName === org.data.management_account;
    if (isManagement && data.ou !== undefined) {
      problems.push(problemAt(source, ["ou"], `the management account always sits at the organization root (remove ou)`));
    } else if (!isManagement && data.ou === undefined) {
      problems.push(problemAt(source, [], `ou is required for a member account (add ou: with one of ${ous.join(", ")})`));
    } else if (data.ou !== undefined && !ous.includes(data.ou)) {
      problems.push(problemAt(source, ["ou"], unknownName("OU", data.ou, ous, `organizational_units in ${org.source.display}`)));
    }
  }
  return problems;
}

export function unknownName(what: string, name: string, known: readonly string[], where: string): string {
  const guess = closest(name, known);
  return `${name} is not a known ${what} (${guess ? `did you mean ${guess}? ` : ""}define it under ${where}, or use one of ${known.join(", ")})`;
}

function checkOrganizationalUnits({ source, data }: ParsedFile<OrganizationFile>): Problem[] {
  const problems: Problem[] = [];
  const units = data.organizational_units;
  const names = Object.keys(units);
  for (const name of names) {
    if (!SLUG.test(name) || name.length > 50) {
      problems.push(problemAt(source, ["organizational_units", name], `${JSON.stringify(name)} is not a valid OU name (use lower-case letters, digits and dashes)`, true));
    }
    const parent = units[name]!.parent;
    if (parent !== undefined && !names.includes(parent)) {
      problems.push(problemAt(source, ["organizational_units", name, "parent"], unknownName("OU", parent, names, "organizational_units")));
    }
  }
  problems.push(...findCycles(source, units));
  return problems;
}

function findCycles(source: SourceFile, units: OrganizationFile["organizational_units"]): Problem[] {
  const reported = new Set<string>();
  const problems: Problem[] = [];
  for (const start of Object.keys(units)) {
    const chain: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined && units[current] && !chain.includes(current)) {
      chain.push(current);
      current = units[current]!.parent;
    }
    if (current === undefined || !units[current] || reported.has(current)) continue;
    const cycle = chain.slice(chain.indexOf(current));
    cycle.forEach((n) => reported.add(n));
    problems.push(problemAt(source, ["organizational_units", cycle[0]!, "parent"], `OUs form a cycle: ${[...cycle, cycle[0]].join(" -> ")} (one of them must have the root or another OU as parent)`));
  }
  return problems;
}

function checkEnvironments(org: ParsedFile<OrganizationFile>): Problem[] {
  const { source, data } = org;
  const problems: Problem[] = [];
  const members = data.accounts.filter((n) => n !== data.management_account);
  const branches = new Map<string, string>();
  const tags: [environment: string, pattern: string][] = [];
  const accountOwner = new Map<string, { name: string; protected: boolean }>();
  const allBranches = Object.values(data.environments).flatMap((e) => (e.branch === undefined ? [] : [e.branch]));
  for (const [name, env] of Object.entries(data.environments)) {
    const shadowed = env.tag === undefined ? undefined : allBranches.find((b) => globMatches(env.tag!, b));
    if (shadowed !== undefined) {
      problems.push(
        problemAt(
          source,
          ["environments", name, "tag"],
          `${env.tag} also matches the branch name ${shadowed}, so a tag named like that branch would deploy ${name} (make the pattern specific, e.g. v*)`,
        ),
      );
    }
    if (!SLUG.test(name) || name.length > 20) {
      problems.push(problemAt(source, ["environments", name], `${JSON.stringify(name)} is not a valid environment name (use up to 20 lower-case letters, digits and dashes)`, true));
    }
    if (env.account === data.management_account) {
      problems.push(problemAt(source, ["environments", name, "account"], `${env.account} is the management account; environments deploy into member accounts`));
    } else if (!members.includes(env.account)) {
      problems.push(problemAt(source, ["environments", name, "account"], unknownName("member account", env.account, members, "accounts")));
    }
    if ((env.branch === undefined) === (env.tag === undefined)) {
      problems.push(problemAt(source, ["environments", name], `needs exactly one of branch or tag (e.g. branch: main, or tag: "v*")`));
    }
    if (env.branch !== undefined) {
      const other = branches.get(env.branch);
      if (other) {
        problems.push(problemAt(source, ["environments", name, "branch"], `${env.branch} already deploys ${other} (one branch deploys one environment)`));
      }
      branches.set(env.branch, name);
    }
    if (env.tag !== undefined) {
      const other = tags.find(([, pattern]) => patternsOverlap(pattern, env.tag!));
      if (other) {
        problems.push(
          problemAt(
            source,
            ["environments", name, "tag"],
            `${env.tag} overlaps the tag pattern ${other[1]} of ${other[0]}, so one tag would deploy both (make the patterns disjoint, e.g. v* and rc-*)`,
          ),
        );
      }
      tags.push([name, env.tag]);
    }
    // Protection, the data-store guardrail and the deploy role are per account:
    // only unprotected environments may share one (each keeps its own stack and state).
    const sharing = accountOwner.get(env.account);
    if (sharing !== undefined && (sharing.protected || env.protected)) {
      const guarded = env.protected ? name : sharing.name;
      problems.push(
        problemAt(
          source,
          ["environments", name, "account"],
          `account ${env.account} already hosts environment ${sharing.name}, and environment ${guarded} is protected: protection, the data-store guardrail and the deploy role are per account, so a protected environment needs an account of its own (add one under accounts); unprotected environments may share one`,
        ),
      );
    }
    if (sharing === undefined) accountOwner.set(env.account, { name, protected: env.protected });
  }
  return problems;
}

/** Whether some tag could match both patterns: each pattern tested against a sample tag of the other. */
function patternsOverlap(a: string, b: string): boolean {
  const sample = (p: string) => p.replace(/\*/g, "x").replace(/\?/g, "x");
  return a === b || globMatches(a, sample(b)) || globMatches(b, sample(a));
}

function checkStateKeys({ source, data }: ParsedFile<OrganizationFile>): Problem[] {
  const problems: Problem[] = [];
  const { key_prefix, key_overrides } = data.state;
  const stacks = layoutStackIds(Object.keys(data.environments));
  for (const stack of Object.keys(key_overrides)) {
    if (!stacks.includes(stack)) {
      problems.push(problemAt(source, ["state", "key_overrides", stack], `${stack} is not a stack of this organization (stacks: ${stacks.join(", ")})`, true));
    }
  }
  const owner = new Map<string, string>();
  for (const stack of stacks) {
    const key = stateKey(stack, key_prefix, key_overrides);
    const other = owner.get(key);
    if (other) {
      const path = key_overrides[stack] !== undefined ? ["state", "key_overrides", stack] : ["state", "key_overrides", other];
      problems.push(problemAt(source, path, `${key} is also the state key of stack ${stack === path[2] ? other : stack} (two stacks sharing a key overwrite each other's state; give each its own)`));
    }
    owner.set(key, stack);
  }
  return problems;
}

/** Git ref patterns as the pipelines use them: * any run of characters, ? one character. */
export function globMatches(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${re}$`).test(value);
}

function checkLogArchive({ source, data }: ParsedFile<OrganizationFile>): Problem[] {
  // CloudTrail's trusted access comes with the trail (config/load.ts adds the principal).
  const name = data.log_archive_account;
  if (name === undefined || data.accounts.includes(name)) return [];
  return [problemAt(source, ["log_archive_account"], unknownName("member account", name, data.accounts, "accounts"))];
}

function checkGuardrails({ source, data }: ParsedFile<OrganizationFile>): Problem[] {
  const problems: Problem[] = [];
  const { guardrails, quotas } = data;
  const protectedAccounts = new Set(
    Object.values(data.environments)
      .filter((e) => e.protected)
      .map((e) => e.account),
  );
  const ous = Object.keys(data.organizational_units);
  const check = (path: (string | number)[], listed: readonly string[], automatic: readonly string[]) => {
    const seen = new Set<string>();
    listed.forEach((policy, i) => {
      if (seen.has(policy)) problems.push(problemAt(source, [...path, i], `${policy} is listed twice for this target (remove one)`));
      seen.add(policy);
    });
    const total = AWS_DEFAULT_POLICIES_PER_TARGET + new Set([...listed, ...automatic]).size;
    if (total > quotas.policies_per_target) {
      const auto = automatic.filter((p) => !seen.has(p));
      const parts = [`FullAWSAccess`, ...listed, ...auto.map((p) => `${p} (protected environment)`)];
      problems.push(
        problemAt(
          source,
          path,
          `${path.at(-1)} would have ${total} SCPs (${parts.join(", ")}); AWS allows ${quotas.policies_per_target} per target (attach some at another level of the OU tree, or raise quotas.policies_per_target once AWS has raised yours)`,
        ),
      );
    }
  };
  check(["guardrails", "root"], guardrails.root ?? DEFAULT_ROOT_GUARDRAILS, []);
  for (const [ou, listed] of Object.entries(guardrails.ous)) {
    if (!ous.includes(ou)) problems.push(problemAt(source, ["guardrails", "ous", ou], unknownName("OU", ou, ous, "organizational_units"), true));
    else check(["guardrails", "ous", ou], listed, []);
  }
  for (const [account, listed] of Object.entries(guardrails.accounts)) {
    if (!data.accounts.includes(account)) {
      problems.push(problemAt(source, ["guardrails", "accounts", account], unknownName("member account", account, data.accounts, "accounts"), true));
    } else {
      check(["guardrails", "accounts", account], listed, protectedAccounts.has(account) ? [PROTECTED_ENVIRONMENT_GUARDRAIL] : []);
    }
  }
  for (const account of [...protectedAccounts].filter((a) => !(a in guardrails.accounts))) {
    check(["guardrails", "accounts", account], [], [PROTECTED_ENVIRONMENT_GUARDRAIL]);
  }
  return problems;
}
