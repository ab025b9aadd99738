/**
 * Checks of the Tools config (tools_account in organization.yaml,
 * config/tools.yaml) that need both files. Every problem is reported, with
 * file, line and field; shapes are tools-schema.ts's.
 */
import type { Problem } from "./problems.ts";
import type { OrganizationFile } from "./schema.ts";
import { problemAt } from "./source.ts";
import type { ToolsFile } from "./tools-schema.ts";
import { unknownName, type ParsedFile } from "./validate.ts";

export const TOOLS_FILE = "tools.yaml";

/** tools_account: a member account of no environment; tools.yaml present exactly when it is set; approvals name environments. */
export function checkTools(org: ParsedFile<OrganizationFile>, tools: ParsedFile<ToolsFile> | undefined, toolsFileExists: boolean): Problem[] {
  const { source, data } = org;
  const problems: Problem[] = [];
  const name = data.tools_account;
  const members = data.accounts.filter((a) => a !== data.management_account);
  const environmentOf = new Map(Object.entries(data.environments).map(([env, e]) => [e.account, env]));
  if (name !== undefined) {
    if (name === data.management_account) {
      problems.push(problemAt(source, ["tools_account"], `${name} is the management account; keep it for the organization alone and name a member account (e.g. tools)`));
    } else if (!members.includes(name)) {
      problems.push(problemAt(source, ["tools_account"], unknownName("member account", name, members, "accounts")));
    } else if (environmentOf.has(name)) {
      problems.push(problemAt(source, ["tools_account"], `${name} is the account of environment ${environmentOf.get(name)}; the pipelines that deploy the environments need an account of their own`));
    }
    if (!toolsFileExists) {
      problems.push(problemAt(source, ["tools_account"], `${name} is named but config/${TOOLS_FILE} is missing (create it with repository: owner/name; see tools/README.md)`));
    }
  }
  if (tools === undefined) return problems;
  if (name === undefined) {
    problems.push(
      problemAt(
        tools.source,
        [],
        `${tools.source.display} describes the Tools account's pipelines, but ${source.display} names no tools_account (add tools_account: tools there, or delete this file)`,
      ),
    );
  }
  const environments = Object.keys(data.environments);
  tools.data.approval_before.forEach((env, i) => {
    if (!environments.includes(env)) problems.push(problemAt(tools.source, ["approval_before", i], unknownName("environment", env, environments, `environments in ${source.display}`)));
  });
  return problems;
}
