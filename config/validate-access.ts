/**
 * Checks of config/access.yaml that need organization.yaml and the account
 * files, and the resolution of every assignment to single accounts (an OU
 * means every account in it and in the OUs below it). Every problem is
 * reported with file, line and field; shapes are access-schema.ts's.
 */
import type { AccessFile } from "./access-schema.ts";
import { PERMISSION_SET_NAME } from "./access-schema.ts";
import type { AccountAssignment } from "./access-model.ts";
import type { Problem } from "./problems.ts";
import type { OrganizationFile } from "./schema.ts";
import { problemAt } from "./source.ts";
import { unknownName, type ParsedAccount, type ParsedFile } from "./validate.ts";

export const ACCESS_FILE = "access.yaml";

/** The OU of every account file, by account name. */
function ouOfAccounts(accounts: readonly ParsedAccount[]): Map<string, string | undefined> {
  return new Map(accounts.map((a) => [a.data.name, a.data.ou]));
}

/** `ou` and every OU below it. */
function ouAndBelow(ou: string, units: OrganizationFile["organizational_units"]): Set<string> {
  const found = new Set([ou]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [name, unit] of Object.entries(units)) {
      if (unit.parent !== undefined && found.has(unit.parent) && !found.has(name)) {
        found.add(name);
        grew = true;
      }
    }
  }
  return found;
}

export interface ResolvedAccess {
  readonly assignments: AccountAssignment[];
  readonly problems: Problem[];
}

export function checkAccess(access: ParsedFile<AccessFile>, org: ParsedFile<OrganizationFile>, accounts: readonly ParsedAccount[]): ResolvedAccess {
  const { source, data } = access;
  const problems: Problem[] = [];
  const o = org.data;

  for (const name of Object.keys(data.permission_sets)) {
    if (!PERMISSION_SET_NAME.test(name)) {
      problems.push(
        problemAt(
          source,
          ["permission_sets", name],
          `${JSON.stringify(name)} is not a permission set name Identity Center accepts (1 to 32 of letters, digits and +=,.@_-; e.g. ReadOnlyAccess)`,
          true,
        ),
      );
    }
  }

  const allAccounts = [o.management_account, ...o.accounts.filter((a) => a !== o.management_account)];
  const ous = Object.keys(o.organizational_units);
  const environments = Object.keys(o.environments);
  const groups = Object.keys(data.groups);
  const permissionSets = Object.keys(data.permission_sets);
  const ouOf = ouOfAccounts(accounts);

  const assignments: AccountAssignment[] = [];
  const firstGiven = new Map<string, number>();
  data.assignments.forEach((a, i) => {
    const at = (...path: PropertyKey[]) => ["assignments", i, ...path];
    let known = true;
    if (!groups.includes(a.group)) {
      problems.push(problemAt(source, at("group"), unknownName("group", a.group, groups, `groups in ${source.display}`)));
      known = false;
    }
    if (!permissionSets.includes(a.permission_set)) {
      problems.push(problemAt(source, at("permission_set"), unknownName("permission set", a.permission_set, permissionSets, `permission_sets in ${source.display}`)));
      known = false;
    }
    const targets = new Set<string>(a.all_accounts ? allAccounts : []);
    a.accounts.forEach((name, j) => {
      if (allAccounts.includes(name)) targets.add(name);
      else problems.push(problemAt(source, at("accounts", j), unknownName("account", name, allAccounts, `accounts in ${org.source.display}`)));
    });
    a.ous.forEach((ou, j) => {
      if (!ous.includes(ou)) {
        problems.push(problemAt(source, at("ous", j), unknownName("OU", ou, ous, `organizational_units in ${org.source.display}`)));
        return;
      }
      const below = ouAndBelow(ou, o.organizational_units);
      for (const name of allAccounts) if (below.has(ouOf.get(name) ?? "")) targets.add(name);
    });
    a.environments.forEach((env, j) => {
      const environment = o.environments[env];
      if (environment) targets.add(environment.account);
      else problems.push(problemAt(source, at("environments", j), unknownName("environment", env, environments, `environments in ${org.source.display}`)));
    });
    if (!a.all_accounts && a.accounts.length + a.ous.length + a.environments.length === 0) {
      problems.push(problemAt(source, at(), "names no accounts: give accounts:, ous:, environments: or all_accounts: true"));
    }
    if (!known) return;
    for (const account of allAccounts.filter((n) => targets.has(n))) {
      const key = `${a.group}\u0000${a.permission_set}\u0000${account}`;
      const earlier = firstGiven.get(key);
      if (earlier !== undefined) {
        problems.push(problemAt(source, at(), `gives ${a.group} ${a.permission_set} in ${account} again (assignments[${earlier}] already does); remove it from one of them`));
        continue;
      }
      firstGiven.set(key, i);
      assignments.push({ group: a.group, permissionSet: a.permission_set, account });
    }
  });
  return { assignments, problems };
}
