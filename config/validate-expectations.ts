/**
 * Checks of config/guardrail-expectations.yaml against the organization:
 * every account and OU it names exists, and each expectation names exactly
 * one of them. Shapes (principal, action, resource, result) are the schema's.
 */
import type { Problem } from "./problems.ts";
import type { GuardrailExpectationsFile, OrganizationFile } from "./schema.ts";
import { problemAt } from "./source.ts";
import { unknownName, type ParsedFile } from "./validate.ts";

const PLACEHOLDER = /\{([^}]*)\}/g;
const PLACEHOLDERS = ["account", "region"];

export function checkExpectations(file: ParsedFile<GuardrailExpectationsFile>, org: ParsedFile<OrganizationFile>): Problem[] {
  const { source, data } = file;
  const members = org.data.accounts.filter((a) => a !== org.data.management_account);
  const ous = Object.keys(org.data.organizational_units);
  const problems: Problem[] = [];
  data.expectations.forEach((e, i) => {
    const at = (field: string) => ["expectations", i, field];
    if ((e.account === undefined) === (e.ou === undefined)) {
      problems.push(problemAt(source, ["expectations", i], "needs exactly one of account or ou (e.g. account: prod, or ou: workloads)"));
    }
    if (e.account === org.data.management_account) {
      problems.push(problemAt(source, at("account"), `${e.account} is the management account, where service control policies do not apply (name a member account)`));
    } else if (e.account !== undefined && !members.includes(e.account)) {
      problems.push(problemAt(source, at("account"), unknownName("member account", e.account, members, `accounts in ${org.source.display}`)));
    }
    if (e.ou !== undefined && !ous.includes(e.ou)) {
      problems.push(problemAt(source, at("ou"), unknownName("OU", e.ou, ous, `organizational_units in ${org.source.display}`)));
    }
    for (const [, name] of (e.resource ?? "").matchAll(PLACEHOLDER)) {
      if (!PLACEHOLDERS.includes(name!)) {
        problems.push(problemAt(source, at("resource"), `{${name}} is not a placeholder (only {account} and {region} are filled in)`));
      }
    }
  });
  return problems;
}
