/**
 * A generated organization for the benchmark: the example config with
 * `accounts` member accounts in total and `environments` environments, each
 * extra environment unprotected in an account of its own with its own
 * branch (so each gets an app stack, a zone and a deploy role). Written into
 * a scratch folder; the example itself is never touched.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface GeneratedOrg {
  readonly accounts: number;
  readonly environments: number;
}

/** Writes the config into `dir`/config and returns that folder. */
export function generateOrg(exampleConfig: string, dir: string, size: GeneratedOrg): string {
  const configDir = join(dir, "config");
  cpSync(exampleConfig, configDir, { recursive: true, filter: (src) => !src.endsWith(".ts") });
  const orgPath = join(configDir, "organization.yaml");
  let org = readFileSync(orgPath, "utf8");
  const existing = ["security", "dns", "corp", "tools", "dev", "stage", "prod", "legacy"];
  const extraEnvironments = Math.max(0, size.environments - 3);
  const extraAccounts = Math.max(0, size.accounts - existing.length);
  const names = Array.from({ length: Math.max(extraAccounts, extraEnvironments) }, (_, i) => `acct-${String(i + 1).padStart(3, "0")}`);
  for (const name of names) {
    writeFileSync(
      join(configDir, "accounts", `${name}.yaml`),
      `# yaml-language-server: $schema=../schema/account.schema.json\nname: ${name}\ntitle: Acme ${name}\nemail: aws-${name}@example.com\nou: workloads\n`,
    );
  }
  org = org.replace(/^accounts: \[(.*)\]$/m, (_, list: string) => `accounts: [${[list, ...names].join(", ")}]`);
  const environments = names.slice(0, extraEnvironments).map((name, i) => `  env-${i + 1}:\n    account: ${name}\n    branch: env-${i + 1}\n`);
  org = org.replace(/^environments:\n/m, `environments:\n${environments.join("")}`);
  org += `\nquotas:\n  accounts: ${existing.length + names.length + 10}\n`;
  writeFileSync(orgPath, org);
  return configDir;
}
