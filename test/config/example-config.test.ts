/** The example config loads, and loads into what the stacks rely on. */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { JSON_SCHEMA_FILES, jsonSchemaText } from "../../config/json-schema.ts";
import { loadConfig } from "../../config/load.ts";
import { configWarnings, memberAccounts } from "../../config/model.ts";
import { EXAMPLE_CONFIG, REPO_ROOT, tempRepo } from "../helpers/example-config.ts";

describe("example config", () => {
  const config = loadConfig({ configDir: EXAMPLE_CONFIG });

  it("has the management account first and the eight members in organization.yaml order", () => {
    expect(config.accounts.map((a) => a.name)).toEqual(["org", "security", "dns", "corp", "tools", "dev", "stage", "prod", "legacy"]);
    expect(config.managementAccount).toMatchObject({ name: "org", isManagement: true, accountId: "111111111111" });
    expect(config.managementAccount.ou).toBeUndefined();
  });

  it("applies defaults: region from default_region, the standard admin role", () => {
    const dev = config.accounts.find((a) => a.name === "dev")!;
    expect(dev).toMatchObject({ region: "eu-west-1", adminRoleName: "OrganizationAccountAccessRole", environments: ["dev"] });
    expect(config.accounts.find((a) => a.name === "prod")!.region).toBe("eu-central-1");
    expect(config.accounts.find((a) => a.name === "legacy")!).toMatchObject({ adminRoleName: "LegacyAdmin", accountId: "222222222222" });
  });

  it("orders OUs parents first, so the stack can create them in one pass", () => {
    const names = config.organizationalUnits.map((u) => u.name);
    for (const unit of config.organizationalUnits) {
      if (unit.parent) expect(names.indexOf(unit.parent)).toBeLessThan(names.indexOf(unit.name));
    }
    expect(config.organizationalUnits).toContainEqual({ name: "nonprod", parent: "workloads" });
  });

  it("attaches data-store protection to the accounts of protected environments without listing it", () => {
    expect(config.guardrails.attachments.filter((a) => a.kind === "account")).toEqual([
      { target: "stage", kind: "account", policies: ["protect-data-stores"] },
      { target: "prod", kind: "account", policies: ["protect-data-stores"] },
    ]);
    expect(config.guardrails.attachments.find((a) => a.kind === "root")!.policies).toHaveLength(4);
    expect(config.logArchiveAccount).toBe("security");
  });

  it("uses AWS's default quotas and stays within them (9 of 10 accounts)", () => {
    expect(config.quotas).toEqual({ accounts: 10, policySize: 5120, policiesPerTarget: 5 });
    expect(configWarnings(config)).toEqual([]);
  });

  it("maps environments to accounts and git refs, STAGE and PROD protected", () => {
    expect(config.environments).toEqual([
      { name: "dev", account: "dev", trigger: { kind: "branch", name: "develop" }, protected: false },
      { name: "stage", account: "stage", trigger: { kind: "branch", name: "main" }, protected: true },
      { name: "prod", account: "prod", trigger: { kind: "tag", pattern: "v*" }, protected: true },
    ]);
  });

  it("keeps local state under the repository's git-ignored state/ folder", () => {
    expect(config.state).toMatchObject({ backend: "local", localDirectory: join(REPO_ROOT, "state"), bucket: "acme-terraform-state-example" });
    expect(readFileSync(join(REPO_ROOT, ".gitignore"), "utf8")).toMatch(/^state\/$/m);
  });

  it("is frozen: stacks cannot change the config they are given", () => {
    expect(() => ((memberAccounts(config)[0] as { email: string }).email = "x@example.com")).toThrow(TypeError);
  });

  it("reports every problem at once, across files, in file and line order", () => {
    const repo = tempRepo();
    try {
      repo.edit("accounts/stage.yaml", "title: Acme Staging", "title: Acme Stäging");
      repo.edit("accounts/prod.yaml", "ou: production", "ou: prodution");
      repo.edit("accounts/dev.yaml", "email: aws-dev@example.com", "email: nope");
      expect(repo.problems()).toEqual([
        'config/accounts/dev.yaml:4  email: "nope" is 4 characters; AWS needs at least 6',
        "config/accounts/prod.yaml:5  ou: prodution is not a known OU (did you mean production? define it under organizational_units in config/organization.yaml, or use one of security, core, workloads, nonprod, production, suspended)",
        'config/accounts/stage.yaml:3  title: "Acme Stäging" has characters outside printable ASCII, which AWS account names do not allow (use plain ASCII)',
      ]);
    } finally {
      repo.cleanup();
    }
  });
});

describe("JSON Schemas for editors", () => {
  it.each(Object.entries(JSON_SCHEMA_FILES))("config/schema/%s is up to date (run npm run schema)", (file, schema) => {
    expect(readFileSync(join(EXAMPLE_CONFIG, "schema", file), "utf8")).toBe(jsonSchemaText(schema));
  });

  it("goes stale with the zod schema: a field added in code no longer matches the committed file", () => {
    const committed = readFileSync(join(EXAMPLE_CONFIG, "schema", "account.schema.json"), "utf8");
    const changed = JSON_SCHEMA_FILES["account.schema.json"].extend({ cost_center: z.string().describe("Billing code.") });
    expect(jsonSchemaText(changed)).not.toBe(committed);
    expect(jsonSchemaText(changed)).toContain('"cost_center"');
  });

  it("every YAML file names its schema for the editor", () => {
    const config = loadConfig({ configDir: EXAMPLE_CONFIG });
    for (const account of config.accounts) {
      expect(readFileSync(join(REPO_ROOT, account.file), "utf8")).toMatch(/^# yaml-language-server: \$schema=\.\.\/schema\/account\.schema\.json$/m);
    }
    expect(readFileSync(join(EXAMPLE_CONFIG, "organization.yaml"), "utf8")).toMatch(/^# yaml-language-server: \$schema=\.\/schema\/organization\.schema\.json$/m);
  });

  it("every YAML file under config/, whatever its name, starts with a schema line naming a generated schema", () => {
    const yamlFiles = readdirSync(EXAMPLE_CONFIG, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"));
    expect(yamlFiles.length).toBeGreaterThan(5);
    const generated = new Set(Object.keys(JSON_SCHEMA_FILES));
    for (const file of yamlFiles) {
      const first = readFileSync(join(EXAMPLE_CONFIG, file), "utf8").split("\n", 1)[0]!;
      const schema = /^# yaml-language-server: \$schema=(.+)$/.exec(first)?.[1];
      expect(schema, `config/${file} must start with its # yaml-language-server: $schema=... line`).toBeDefined();
      const target = relative(join(EXAMPLE_CONFIG, "schema"), resolve(dirname(join(EXAMPLE_CONFIG, file)), schema!));
      expect(generated.has(target), `config/${file} names ${schema}, which is not a schema npm run schema writes (${[...generated].join(", ")})`).toBe(true);
    }
  });
});

describe("account quota warning", () => {
  it("warns, without failing, when the config has more accounts than the quota", () => {
    const repo = tempRepo();
    try {
      repo.edit("organization.yaml", "state:\n  # local", "quotas:\n  accounts: 8\n\nstate:\n  # local");
      expect(configWarnings(repo.load())).toEqual([
        'warning: the organization would have 9 accounts but its quota is 8: creating the rest fails until AWS raises it (Service Quotas console > AWS Organizations > "Default maximum number of accounts" > Request increase), then set quotas.accounts in organization.yaml',
      ]);
    } finally {
      repo.cleanup();
    }
  });
});
