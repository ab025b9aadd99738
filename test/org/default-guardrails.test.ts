/**
 * What a small organization gets when its config says nothing about
 * guardrails: the baseline on the root. Synthesized through org/main.ts, as
 * a user runs it, from a config written from scratch (management account,
 * one workload account, one protected environment).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_ROOT_GUARDRAILS } from "../../config/guardrail-names.ts";
import { REPO_ROOT } from "../helpers/example-config.ts";

const SMALL_ORGANIZATION = `name: small
domain: small.example
default_region: eu-west-1
allowed_regions: [eu-west-1]
email_pattern: "aws-{name}@small.example"
management_account: mgmt
accounts: [app]
organizational_units:
  workloads: {}
environments:
  prod:
    account: app
    tag: "v*"
    protected: true
state:
  backend: local
  bucket: small-terraform-state
`;

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function synthSmall(guardrails: string): { status: number | null; stderr: string; attachments: Record<string, { policy_id: string; target_id: string }> } {
  root = mkdtempSync(join(tmpdir(), "small-org-"));
  const config = join(root, "config");
  mkdirSync(join(config, "accounts"), { recursive: true });
  writeFileSync(join(config, "organization.yaml"), SMALL_ORGANIZATION + guardrails);
  writeFileSync(join(config, "accounts", "mgmt.yaml"), 'name: mgmt\ntitle: Small Management\nemail: aws-mgmt@small.example\naccount_id: "111111111111"\n');
  writeFileSync(join(config, "accounts", "app.yaml"), "name: app\ntitle: Small App\nemail: aws-app@small.example\nou: workloads\n");
  const outdir = join(root, "cdktf.out");
  const run = spawnSync(process.execPath, ["scripts/run.cjs", "org/main.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, ORG_CONFIG_DIR: config, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
  });
  if (run.status !== 0) return { status: run.status, stderr: run.stderr, attachments: {} };
  const json = JSON.parse(readFileSync(join(outdir, "stacks", "org", "cdk.tf.json"), "utf8"));
  return { status: run.status, stderr: run.stderr, attachments: json.resource.aws_organizations_policy_attachment ?? {} };
}

const rootAttachments = (attachments: Record<string, unknown>) =>
  Object.keys(attachments)
    .filter((a) => a.endsWith("-root"))
    .sort();

describe("guardrails a config does not mention", () => {
  it("without a guardrails key, the root gets baseline and protect-access-roles, and synth says nothing about it", () => {
    const run = synthSmall("");
    expect(run.status, run.stderr).toBe(0);
    expect(rootAttachments(run.attachments)).toEqual(DEFAULT_ROOT_GUARDRAILS.map((g) => `scp-${g}-root`).sort());
    expect(DEFAULT_ROOT_GUARDRAILS).toEqual(["baseline", "protect-access-roles"]);
    // The protected environment's data-store guardrail comes as before.
    expect(Object.keys(run.attachments)).toContain("scp-protect-data-stores-account-app");
    expect(run.stderr).not.toContain("guardrails.root");
  });

  it("with guardrails but no root list, the same defaults", () => {
    const run = synthSmall("guardrails:\n  ous:\n    workloads: [deny-public-network]\n");
    expect(run.status, run.stderr).toBe(0);
    expect(rootAttachments(run.attachments)).toEqual(["scp-baseline-root", "scp-protect-access-roles-root"]);
  });

  it("root: [] turns them off, and synth warns, naming what is off and the line", () => {
    const run = synthSmall("guardrails:\n  root: []\n");
    expect(run.status, run.stderr).toBe(0);
    expect(rootAttachments(run.attachments)).toEqual([]);
    expect(run.stderr).toContain(
      "warning: config/organization.yaml:19  guardrails.root leaves out the default guardrails baseline, protect-access-roles: " +
        "without baseline, member accounts can leave the organization, use their root user, and create IAM users and access keys; " +
        "without protect-access-roles, anyone with IAM rights in a member account can change or delete its admin and deploy roles " +
        "(add baseline, protect-access-roles to guardrails.root, or remove the root list to get the defaults)",
    );
  });

  it("a root list without one of them warns about that one only", () => {
    const run = synthSmall("guardrails:\n  root: [baseline, region-allow-list]\n");
    expect(run.status, run.stderr).toBe(0);
    expect(rootAttachments(run.attachments)).toEqual(["scp-baseline-root", "scp-region-allow-list-root"]);
    expect(run.stderr).toMatch(/guardrails\.root leaves out the default guardrail protect-access-roles: without protect-access-roles, /);
  });
});
