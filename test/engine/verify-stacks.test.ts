/**
 * The real Terraform and the real AWS provider (from the filesystem mirror)
 * validating and planning small synthesized stacks offline, against the
 * loopback STS stub. No test here reaches AWS: every AWS call lands on the
 * stub, and the last test checks nothing even tried to leave the machine.
 */
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DataTerraformRemoteStateS3, TerraformOutput } from "cdktf";
import { DataAwsAmi } from "@cdktf/provider-aws/lib/data-aws-ami";
import { OrganizationsAccount } from "@cdktf/provider-aws/lib/organizations-account";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPlanTable } from "../../cli/preview/plan-table.ts";
import { accountFromAccessKeyId, startStsStub, type StsStub } from "../../engine/targets/sts-stub.ts";
import { planStacksOffline, validateStacks, type StackPlanResult } from "../../engine/verify-stacks.ts";
import { assumeRoleProvider, snapshotDir, synthStacks, tempDir } from "./helpers.ts";

const MANAGEMENT = "123456789012";
const SEED = join(import.meta.dirname, "fixtures", "applied-bucket.tfstate");

describe("offline validate and plan with the real AWS provider", () => {
  let tmp: ReturnType<typeof tempDir>;
  let stub: StsStub;
  let dirs: Record<string, string>;
  let inputsBefore: Record<string, Record<string, string>>;
  let results: Record<string, StackPlanResult>;
  const opts = () => ({ stub, workRoot: join(tmp.dir, "work"), cliConfigDir: join(tmp.dir, "cli") });

  beforeAll(async () => {
    tmp = tempDir("offline-verify");
    stub = await startStsStub({ managementAccountId: MANAGEMENT });
    dirs = synthStacks(join(tmp.dir, "cdktf.out"), {
      assumed: {
        provider: assumeRoleProvider("111111111111"),
        build: (s) => {
          new S3Bucket(s, "a", { bucket: "offline-test-a" });
          new S3Bucket(s, "b", { bucket: "offline-test-b" });
          const dns = new DataTerraformRemoteStateS3(s, "dns", {
            bucket: "org-state",
            key: "dns/terraform.tfstate",
            region: "us-east-1",
            defaults: { zone_id: "Z-PLACEHOLDER" },
          });
          new TerraformOutput(s, "zone", { value: dns.getString("zone_id") });
        },
      },
      "wrong-account": {
        provider: assumeRoleProvider("111111111111", ["222222222222"]),
        build: (s) => void new S3Bucket(s, "a", { bucket: "offline-test-wrong" }),
      },
      "with-import": {
        provider: { region: "us-east-1", allowedAccountIds: [MANAGEMENT] },
        build: (s) => {
          new OrganizationsAccount(s, "legacy", { name: "legacy", email: "legacy@example.com" }).importFrom("210987654321");
          new S3Bucket(s, "logs", { bucket: "offline-test-logs" });
        },
      },
      "ami-lookup": {
        provider: assumeRoleProvider("444444444444"),
        build: (s) => {
          const ami = new DataAwsAmi(s, "al2023", {
            mostRecent: true,
            owners: ["amazon"],
            filter: [{ name: "name", values: ["al2023-ami-*-x86_64"] }],
          });
          new TerraformOutput(s, "ami", { value: ami.id });
        },
      },
      seeded: {
        provider: assumeRoleProvider("333333333333"),
        build: (s) => void new S3Bucket(s, "fresh", { bucket: "offline-test-fresh" }),
      },
      invalid: {
        provider: { region: "us-east-1" },
        build: (s) => new S3Bucket(s, "bad", { bucket: "offline-test-bad" }).addOverride("no_such_argument", "x"),
      },
    });
    inputsBefore = Object.fromEntries(Object.entries(dirs).map(([id, d]) => [id, snapshotDir(d)]));
    const planned = await planStacksOffline([dirs.assumed!, dirs["wrong-account"]!, dirs["with-import"]!, dirs["ami-lookup"]!], opts());
    results = Object.fromEntries(planned.map((r) => [r.stack, r]));
  });

  afterAll(async () => {
    try {
      await stub?.close();
    } finally {
      tmp?.remove();
    }
  });

  it("(a) plans a stack that assumes a role into 111111111111 with allowed_account_ids [111111111111]", () => {
    const r = results.assumed!;
    expect(r.error).toBeUndefined();
    expect(r).toMatchObject({ stack: "assumed", account: "111111111111", add: 2, change: 0, destroy: 0, replace: 0, imports: [] });
    // The provider assumed the role and then asked who it was with the key the stub handed out.
    const sts = r.stubCalls.map((c) => [c.service, c.action, c.answered]);
    expect(sts).toContainEqual(["sts", "AssumeRole", true]);
    expect(r.stubCalls.every((c) => c.service === "sts" && c.answered)).toBe(true);
    expect(r.stubCalls.find((c) => c.action === "AssumeRole")!.roleArn).toBe("arn:aws:iam::111111111111:role/OrganizationAccountAccessRole");
    const identity = r.stubCalls.find((c) => c.action === "GetCallerIdentity")!;
    expect(accountFromAccessKeyId(identity.accessKeyId!)).toBe("111111111111");
    // The full plan is there, and the S3 remote state was read as empty: the output takes its default.
    const plan = r.planJson as { planned_values: { outputs: Record<string, { value: unknown }> }; resource_changes: { address: string }[] };
    expect(plan.planned_values.outputs.zone!.value).toBe("Z-PLACEHOLDER");
    expect(plan.resource_changes.map((c) => c.address).sort()).toEqual(["aws_s3_bucket.a", "aws_s3_bucket.b"]);
    expect(r.notPlanned).toEqual([
      {
        what: "data.terraform_remote_state.dns (s3 org-state/dns/terraform.tfstate)",
        why: "upstream state not read offline: read as empty, outputs take their defaults",
      },
    ]);
  });

  it("(b) fails clearly when the assumed account is not in allowed_account_ids", () => {
    const r = results["wrong-account"]!;
    expect(r.error).toMatch(/^wrong-account: terraform plan failed \(exit 1\): AWS account ID not allowed: 111111111111/);
    expect(r.error!.split("\n").length).toBeLessThan(10);
    expect(r.add).toBe(0);
    expect(r.planJson).toBeUndefined();
  });

  it("(c) strips an import block, reports it, and does not count it as add", () => {
    const r = results["with-import"]!;
    expect(r.error).toBeUndefined();
    // No assume_role: the base fake key is answered as the management account.
    expect(r.account).toBe(MANAGEMENT);
    expect(r.add).toBe(1);
    expect(r.imports).toEqual([{ address: "aws_organizations_account.legacy", id: "210987654321" }]);
    expect(r.notPlanned).toEqual([
      {
        what: "aws_organizations_account.legacy",
        why: "import of 210987654321 not planned offline (needs AWS); the first apply imports it",
      },
    ]);
    // Stripped, so Terraform did not try to read the account from Organizations.
    expect(r.stubCalls.filter((c) => c.service !== "sts")).toEqual([]);
    // The input still has its import block.
    expect(JSON.parse(readFileSync(join(dirs["with-import"]!, "cdk.tf.json"), "utf8")).import).toEqual([{ to: "aws_organizations_account.legacy", id: "210987654321" }]);
    const table = formatPlanTable(Object.values(results));
    expect(table).toMatch(/^with-import\s+123456789012\s+1\s+0\s+0\s+0\s+1\s+1$/m);
    expect(table).toContain("- with-import: aws_organizations_account.legacy: import of 210987654321 not planned offline (needs AWS); the first apply imports it");
    expect(table).toMatch(/^- ERROR wrong-account: terraform plan failed/m);
  });

  it("says which AWS API a data source tried to call, and the call stayed on the stub", () => {
    const r = results["ami-lookup"]!;
    expect(r.error).toMatch(/^ami-lookup: terraform plan failed/);
    expect(r.error).toContain("tried to call ec2 DescribeImages (not available offline)");
    expect(r.stubCalls.filter((c) => !c.answered).map((c) => `${c.service} ${c.action}`)).toEqual(["ec2 DescribeImages"]);
  });

  it("(d) plans the delete of a resource held in a seeded state but gone from the config, with no AWS call but STS", async () => {
    const seedBefore = readFileSync(SEED, "utf8");
    const [r] = await planStacksOffline([dirs.seeded!], { ...opts(), seedState: { seeded: SEED }, showPlanJson: false });
    expect(r!.error).toBeUndefined();
    expect(r).toMatchObject({ stack: "seeded", account: "333333333333", add: 1, change: 0, destroy: 1, replace: 0 });
    expect(r!.resourceChanges!.map((c) => [c.address, c.change.actions])).toEqual(
      expect.arrayContaining([
        ["aws_s3_bucket.old", ["delete"]],
        ["aws_s3_bucket.fresh", ["create"]],
      ]),
    );
    expect(r!.planJson).toBeUndefined();
    expect(r!.stubCalls.length).toBeGreaterThan(0);
    expect(r!.stubCalls.filter((c) => c.service !== "sts" || !c.answered)).toEqual([]);
    expect(readFileSync(SEED, "utf8")).toBe(seedBefore);
  });

  it("(f) validate passes valid stacks (import blocks kept) and catches an invalid attribute", async () => {
    const v = await validateStacks([dirs.invalid!, dirs["with-import"]!], opts());
    const [invalid, withImport] = v;
    expect(withImport).toMatchObject({ stack: "with-import", valid: true });
    expect(withImport!.error).toBeUndefined();
    expect(readFileSync(join(withImport!.workDir, "cdk.tf.json"), "utf8")).toContain('"import"');
    expect(invalid).toMatchObject({ stack: "invalid", valid: false });
    // JSON configuration: Terraform's wording for an unknown argument.
    expect(invalid!.diagnostics.map((d) => d.detail)).toContain('No argument or block type is named "no_such_argument".');
    expect(invalid!.error).toMatch(/^invalid: terraform validate found errors: Extraneous JSON object property: No argument or block type is named "no_such_argument"\. \(at cdk\.tf\.json:\d+\)$/);
  });

  it("never modified the synthesized inputs, and nothing tried to leave the machine", () => {
    for (const [id, d] of Object.entries(dirs)) expect(snapshotDir(d), id).toEqual(inputsBefore[id]);
    expect(stub.calls.filter((c) => c.service === "proxy")).toEqual([]);
  });
});

describe("the network backstop", () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir("offline-backstop");
  });
  afterAll(() => tmp?.remove());

  it("stops a stack at its first attempt to leave the machine through the proxy, and says where it tried to go", async () => {
    // A stand-in for terraform: init succeeds; plan opens an HTTPS tunnel through HTTPS_PROXY
    // (the stub, on loopback) the way the AWS SDK would for an endpoint it was not pointed at,
    // then hangs as a retrying SDK would.
    const fake = join(tmp.dir, "fake-terraform");
    writeFileSync(
      fake,
      `#!${process.execPath}
const http = require("node:http");
if (process.argv[2] !== "plan") process.exit(0);
const proxy = new URL(process.env.HTTPS_PROXY);
const auth = Buffer.from(decodeURIComponent(proxy.username) + ":" + decodeURIComponent(proxy.password)).toString("base64");
http.request({ host: proxy.hostname, port: proxy.port, method: "CONNECT", path: "organizations.us-east-1.amazonaws.com:443",
  headers: { "Proxy-Authorization": "Basic " + auth } }).on("connect", () => {}).on("error", () => {}).end();
setTimeout(() => {}, 60000);
`,
    );
    chmodSync(fake, 0o755);
    const dirs = synthStacks(join(tmp.dir, "cdktf.out"), {
      leaky: { provider: { region: "us-east-1" }, build: (s) => void new S3Bucket(s, "a", { bucket: "offline-test-leaky" }) },
    });
    const started = Date.now();
    const [r] = await planStacksOffline([dirs.leaky!], {
      workRoot: join(tmp.dir, "work"),
      cliConfigDir: join(tmp.dir, "cli"),
      terraformBin: fake,
    });
    expect(r!.error).toBe("leaky: terraform plan failed: tried to reach organizations.us-east-1.amazonaws.com:443 outside this machine (stopped: offline runs must not use the network)");
    expect(r!.stubCalls).toEqual([{ client: "S0", service: "proxy", action: "CONNECT organizations.us-east-1.amazonaws.com:443", answered: false }]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
