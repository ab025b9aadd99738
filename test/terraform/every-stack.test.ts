/**
 * Every stack of the example config, checked by the real Terraform and the
 * real hashicorp/aws provider: `terraform validate`, then the preview as a
 * user runs it (`npm run preview`), which plans each stack offline.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateStacks, type StackValidateResult } from "../../engine/verify-stacks.ts";
import { buildAllStacks } from "../../stacks/all-stacks.ts";
import { synthesizeOrThrow } from "../../stacks/synthesize.ts";
import { EXAMPLE_CONFIG, REPO_ROOT, tempRepo } from "../helpers/example-config.ts";

const scratch = mkdtempSync(join(tmpdir(), "every-stack-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function preview(env: Record<string, string>) {
  return spawnSync(process.execPath, ["scripts/run.cjs", "cli/preview.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, PREVIEW_WORK_ROOT: join(scratch, "preview-work"), ...env },
    encoding: "utf8",
  });
}

describe("terraform validate of every stack", () => {
  let results: StackValidateResult[];
  beforeAll(async () => {
    const { stackDirs } = synthesizeOrThrow({ configDir: EXAMPLE_CONFIG, outdir: join(scratch, "validate-out") }, buildAllStacks);
    results = await validateStacks(stackDirs, { workRoot: join(scratch, "validate-work"), cliConfigDir: join(scratch, "cli") });
  });

  it("covers every stack the root app builds", () => {
    expect(results.map((r) => r.stack)).toEqual(["org", "dns", "corp", "tools", "app-dev", "app-stage", "app-prod"]);
  });

  it("finds no errors", () => {
    for (const r of results) expect({ stack: r.stack, error: r.error, valid: r.valid }).toEqual({ stack: r.stack, error: undefined, valid: true });
  });
});

describe("npm run preview", () => {
  let run: ReturnType<typeof preview>;
  beforeAll(() => {
    run = preview({ CDKTF_OUTDIR: join(scratch, "preview-out"), GITHUB_STEP_SUMMARY: join(scratch, "step-summary.md") });
  });

  it("puts the per-stack table on the GitHub job summary, where a pull request's reviewers see it", () => {
    const summary = readFileSync(join(scratch, "step-summary.md"), "utf8");
    expect(summary).toMatch(/^## Offline preview\n\n7 of 7 stack\(s\) planned in [\d.]+ s\.\n\n```\n/);
    expect(summary).toContain("create aws_organizations_organization");
    expect(summary.endsWith("```\n")).toBe(true);
  });

  it("plans every stack and exits 0", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^7 of 7 stack\(s\) planned in [\d.]+ s\.$/m);
  });

  it("says, without a terminal, how long each stack's plan took, as plain lines", () => {
    for (const stack of ["org", "dns", "corp", "tools", "app-dev", "app-stage", "app-prod"]) expect(run.stdout).toMatch(new RegExp(`^${stack}: planned in [\\d.]+ s$`, "m"));
  });

  it("ends the plans with the idle monthly cost of every stack", () => {
    expect(run.stdout).toContain("Idle monthly cost (fixed charges of what a first apply creates; USD, eu-west-1 on-demand prices of");
    expect(run.stdout).toMatch(/^ {2}corp +\$7\.71 /m);
    expect(run.stdout).toMatch(/^ {2}total +\$14\.01 {2}per month while idle/m);
    expect(run.stdout).not.toContain("NOT PRICED");
  });

  it("shows the org stack creating the organization, its OUs, 7 new accounts and the state bucket with its controls", () => {
    const lines = run.stdout.split("\n").map((l) => l.trim().replace(/\s+/g, " "));
    for (const expected of [
      "create aws_organizations_organization 1",
      // security, core, workloads, nonprod, production, suspended
      "create aws_organizations_organizational_unit 6",
      // security, dns, corp, tools, dev, stage, prod; legacy is imported
      "create aws_organizations_account 7",
      "import aws_organizations_account 1",
      "create aws_s3_bucket 1",
      "create aws_s3_bucket_versioning 1",
      "create aws_s3_bucket_server_side_encryption_configuration 1",
      "create aws_s3_bucket_public_access_block 1",
      "create aws_s3_bucket_ownership_controls 1",
      "create aws_s3_bucket_policy 1",
    ]) {
      expect(lines).toContain(expected);
    }
    expect(run.stdout).not.toMatch(/\b(destroy|replace) aws_/);
  });

  it("judges the guardrail expectations over the SCPs it planned, and says how many held", () => {
    expect(run.stdout).toContain("\nGuardrail expectations:\n");
    expect(run.stdout).toMatch(/^guardrails: (\d+) checks of \d+ expectations: \1 as expected, 0 not as expected, 0 not evaluated$/m);
  });

  it("says the legacy import is not planned offline instead of hiding it", () => {
    expect(run.stdout).toContain("- org: aws_organizations_account.account-legacy: import of 222222222222 not planned offline (needs AWS); the first apply imports it");
  });

  it("passes on the synth warnings (the trail waits for the security account's id)", () => {
    expect(run.stdout).toMatch(/^warning: org: organization trail not created yet/m);
  });

  it("refuses bad config with exit 1, the problems, and no output", () => {
    const repo = tempRepo();
    try {
      repo.edit("accounts/dev.yaml", "ou: nonprod", "ou: nonprd");
      const bad = preview({ CDKTF_OUTDIR: join(scratch, "bad-out"), ORG_CONFIG_DIR: repo.configDir });
      expect(bad.status).toBe(1);
      expect(bad.stdout).toBe("");
      expect(bad.stderr).toContain("config/accounts/dev.yaml:5  ou: nonprd is not a known OU (did you mean nonprod?");
      expect(spawnSync("ls", [join(scratch, "bad-out")]).status).not.toBe(0);
    } finally {
      repo.cleanup();
    }
  });
});
