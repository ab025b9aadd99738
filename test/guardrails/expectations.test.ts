/**
 * config/guardrail-expectations.yaml judged over the SCP chain: the example
 * holds, removing a guardrail breaks the expectations that depend on it by
 * name, and what the engine cannot judge never passes.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config/load.ts";
import { runGuardrailExpectations } from "../../org/guardrails/expectations/run.ts";
import { configWith, EXAMPLE_CONFIG, REPO_ROOT, tempRepo } from "../helpers/example-config.ts";

const config = loadConfig({ configDir: EXAMPLE_CONFIG });

const ONE_EXPECTATION = (fields: string) => `expectations:\n  - name: probe\n${fields}`;

describe("guardrail expectations", () => {
  it("every expectation of the example config holds over the full SCP chain", async () => {
    const result = await runGuardrailExpectations(config);
    expect(result.report).toMatch(/ as expected, 0 not as expected, 0 not evaluated\n$/);
    expect(result.ok).toBe(true);
    expect(config.guardrails.expectations.length).toBeGreaterThanOrEqual(20);
    // an OU expectation is judged in every account below it: workloads holds dev, stage, prod (nested OUs) and legacy
    const bypass = result.checks.filter((c) => c.expectation.name === "a workload role cannot create the break-glass role");
    expect(bypass.map((c) => c.account)).toEqual(["dev", "stage", "prod", "legacy"]);
  });

  it("prints account, principal, action, expected, actual and the deciding statement for each request", async () => {
    const { report } = await runGuardrailExpectations(config);
    const [header, ...rows] = report.split("\n");
    expect(header!.trim().split(/\s{2,}/)).toEqual(["account", "principal", "action", "region", "expected", "actual", "decided by"]);
    expect(rows).toContainEqual(
      expect.stringMatching(/^ok\s+prod\s+role\/deploy-prod\s+dynamodb:DeleteTable\s+eu-central-1\s+denied\s+denied\s+protect-data-stores DenyDataStoreDeletion \(account prod\)$/),
    );
    expect(rows).toContainEqual(expect.stringMatching(/^ok\s+dev\s+role\/deploy-dev\s+dynamodb:DeleteTable\s+eu-west-1\s+allowed\s+allowed\s+FullAWSAccess/));
  });

  it("fails, naming the expectation and its line, when protect-access-roles is taken off the root", async () => {
    const broken = configWith((r) => r.edit("organization.yaml", "protect-access-roles, ", ""));
    const result = await runGuardrailExpectations(broken);
    expect(result.ok).toBe(false);
    const line = config.guardrails.expectations.find((e) => e.name === "a workload role cannot create the break-glass role")!.line;
    expect(result.report).toContain(
      `config/guardrail-expectations.yaml:${line}  "a workload role cannot create the break-glass role": in dev, role/app-deployer iam:CreateRole ` +
        `on arn:aws:iam::000000000000:role/BreakGlassAdmin should be denied but is allowed by FullAWSAccess (no guardrail denies it)`,
    );
  });

  it("fails when deny-all is taken off the suspended OU, judged in a new account placed there", async () => {
    const broken = configWith((r) => r.edit("organization.yaml", "    suspended: [deny-all]\n", ""));
    const result = await runGuardrailExpectations(broken);
    const failed = [...new Set(result.checks.filter((c) => !c.ok).map((c) => `${c.expectation.name} in ${c.account}`))];
    expect(failed).toEqual(["nothing runs in a retired account in (new account in suspended)", "no data is read in a retired account in (new account in suspended)"]);
  });

  it("counts a request the engine cannot judge as a failure, with what to change", async () => {
    const repo = tempRepo();
    try {
      repo.write("guardrail-expectations.yaml", ONE_EXPECTATION("    account: dev\n    principal: role/x\n    action: s3:GetObjects\n    expect: denied\n"));
      const result = await runGuardrailExpectations(repo.load());
      expect(result.ok).toBe(false);
      expect(result.checks[0]!.verdict).toEqual({
        result: "not evaluated",
        reason: "the engine knows no such action of this service (check the spelling against the Service Authorization Reference) [invalid.action]",
      });
      expect(result.report).toMatch(/guardrails: 1 checks of 1 expectations: 0 as expected, 0 not as expected, 1 not evaluated\n$/);
    } finally {
      repo.cleanup();
    }
  });

  it("is not ok with nothing to check", async () => {
    const repo = tempRepo();
    try {
      repo.remove("guardrail-expectations.yaml");
      const result = await runGuardrailExpectations(repo.load());
      expect(result).toMatchObject({ ok: false, checks: [] });
      expect(result.report).toContain("no expectations to check");
    } finally {
      repo.cleanup();
    }
  });
});

describe("npm run guardrails", () => {
  const run = (configDir: string) =>
    spawnSync(process.execPath, ["--import", "tsx", join(REPO_ROOT, "cli", "guardrails.ts")], {
      cwd: REPO_ROOT,
      env: { ...process.env, ORG_CONFIG_DIR: configDir },
      encoding: "utf8",
    });

  it("exits 0 on the example config and 1, naming the expectation, when a guardrail is removed", () => {
    const good = run(EXAMPLE_CONFIG);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain("0 not as expected, 0 not evaluated");

    const repo = tempRepo();
    try {
      repo.edit("organization.yaml", "    suspended: [deny-all]\n", "    suspended: [deny-all]\n  accounts:\n    dev: [protect-data-stores]\n");
      repo.edit("organization.yaml", "[baseline, ", "[");
      const bad = run(repo.configDir);
      expect(bad.status).toBe(1);
      expect(bad.stdout).toMatch(
        /guardrail-expectations\.yaml:\d+  "a DynamoDB table in dev may be deleted": in dev, role\/deploy-dev dynamodb:DeleteTable .* should be allowed but is denied by protect-data-stores DenyDataStoreDeletion \(account dev\)/,
      );
      expect(bad.stdout).toMatch(/"no member account leaves the organization": in dev, .* should be denied but is allowed/);
    } finally {
      repo.cleanup();
    }
  });

  it("exits 1 with the loader's file:line message on a bad expectation, checking nothing", () => {
    const repo = tempRepo();
    try {
      repo.edit("guardrail-expectations.yaml", "    region: us-east-1\n    expect: allowed\n", "    region: us-east-1\n    expect: allow\n");
      const bad = run(repo.configDir);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(
        /^config has 1 problem:\n  .*guardrail-expectations\.yaml:\d+  expectations\[\d+\]\.expect: "allow" must be allowed or denied \(use one of allowed, denied\)\nNothing was checked\.\n$/,
      );
      expect(bad.stdout).toBe("");
    } finally {
      repo.cleanup();
    }
  });
});
