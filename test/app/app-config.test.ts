/** config/app.yaml as the app stacks see it: shared defaults, sparse overrides, one entry per environment of organization.yaml. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config/load.ts";
import { EXAMPLE_CONFIG, configWith } from "../helpers/example-config.ts";

describe("app config", () => {
  const config = loadConfig({ configDir: EXAMPLE_CONFIG });

  it("resolves every environment of organization.yaml: the defaults, then only what the environment overrides", () => {
    expect(config.app?.environments).toEqual([
      {
        environment: "dev",
        account: "dev",
        zoneName: "dev.example.com",
        apiDomain: "api.dev.example.com",
        lambdaMemoryMb: 128,
        logRetentionDays: 7,
        tableProtection: false,
        alarmEmail: "alerts@example.com",
      },
      {
        environment: "stage",
        account: "stage",
        zoneName: "stage.example.com",
        apiDomain: "api.stage.example.com",
        lambdaMemoryMb: 256,
        logRetentionDays: 30,
        tableProtection: true,
        alarmEmail: "alerts@example.com",
      },
      {
        environment: "prod",
        account: "prod",
        zoneName: "prod.example.com",
        apiDomain: "api.prod.example.com",
        lambdaMemoryMb: 512,
        lambdaReservedConcurrency: 50,
        logRetentionDays: 365,
        tableProtection: true,
        alarmEmail: "oncall@example.com",
      },
    ]);
  });

  it("gives a new environment of organization.yaml the defaults, with no line in app.yaml", () => {
    const c = configWith((r) => {
      r.write("accounts/qa.yaml", "name: qa\ntitle: Acme QA\nemail: aws-qa@example.com\nou: nonprod\n");
      r.edit("organization.yaml", "accounts: [security, dns, corp,", "accounts: [qa, security, dns, corp,");
      r.edit("organization.yaml", "environments:\n", "environments:\n  qa:\n    account: qa\n    branch: qa\n");
    });
    expect(c.app?.environments.find((e) => e.environment === "qa")).toEqual({
      environment: "qa",
      account: "qa",
      zoneName: "qa.example.com",
      apiDomain: "api.qa.example.com",
      lambdaMemoryMb: 256,
      logRetentionDays: 30,
      tableProtection: true,
      alarmEmail: "alerts@example.com",
    });
  });

  it("has no app without config/app.yaml", () => {
    expect(configWith((r) => r.remove("app.yaml")).app).toBeUndefined();
  });

  it("names its JSON Schema for the editor", () => {
    expect(readFileSync(join(EXAMPLE_CONFIG, "app.yaml"), "utf8")).toMatch(/^# yaml-language-server: \$schema=\.\/schema\/app\.schema\.json$/m);
  });
});
