/**
 * Checks of config/app.yaml against organization.yaml: overrides name
 * environments that exist, the app has the environments' zones to live in
 * (dns_account), and a protected environment keeps its table protected.
 * Every problem is reported, with file, line and field; shapes are
 * app-schema.ts's.
 */
import type { AppFile } from "./app-schema.ts";
import type { Problem } from "./problems.ts";
import type { OrganizationFile } from "./schema.ts";
import { problemAt } from "./source.ts";
import { unknownName, type ParsedFile } from "./validate.ts";

export const APP_FILE = "app.yaml";

export function checkApp(app: ParsedFile<AppFile>, org: ParsedFile<OrganizationFile>): Problem[] {
  const { source, data } = app;
  const problems: Problem[] = [];
  const environments = Object.keys(org.data.environments);
  for (const name of Object.keys(data.environments)) {
    if (!environments.includes(name)) {
      problems.push(problemAt(source, ["environments", name], unknownName("environment", name, environments, `environments in ${org.source.display}`), true));
    }
  }
  if (org.data.dns_account === undefined) {
    problems.push(
      problemAt(
        source,
        [],
        `the API of each environment is api.<environment>.${org.data.domain}, in the zone the dns stack creates, but ${org.source.display} names no dns_account (add dns_account: dns there)`,
      ),
    );
  }
  for (const [name, environment] of Object.entries(org.data.environments)) {
    if (!environment.protected) continue;
    const override = data.environments[name]?.table_protection;
    if ((override ?? data.defaults.table_protection) !== false) continue;
    const at = override === undefined ? ["defaults", "table_protection"] : ["environments", name, "table_protection"];
    problems.push(
      problemAt(
        source,
        at,
        `is false, but ${name} is a protected environment (${org.source.display}), whose table keeps point-in-time recovery and deletion protection (set table_protection: true${override === undefined ? ` under environments.${name}` : ""}, or make ${name} unprotected)`,
      ),
    );
  }
  return problems;
}
