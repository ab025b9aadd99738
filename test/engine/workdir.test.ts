import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DataTerraformRemoteStateLocal, DataTerraformRemoteStateS3, S3Backend, TerraformOutput } from "cdktf";
import { OrganizationsAccount } from "@cdktf/provider-aws/lib/organizations-account";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyStateJson, prepareWorkDir, providerAccount, stripImports } from "../../engine/workdir.ts";
import { assumeRoleProvider, snapshotDir, synthStacks, tempDir } from "./helpers.ts";

type Json = Record<string, any>;
const readJson = (p: string): Json => JSON.parse(readFileSync(p, "utf8")) as Json;

describe("prepareWorkDir", () => {
  let tmp: ReturnType<typeof tempDir>;
  let dirs: Record<string, string>;
  let upstreamState: string;

  beforeAll(() => {
    tmp = tempDir("offline-workdir");
    upstreamState = join(tmp.dir, "upstream", "dns.tfstate");
    mkdirSync(join(tmp.dir, "upstream"));
    writeFileSync(upstreamState, emptyStateJson());
    dirs = synthStacks(join(tmp.dir, "cdktf.out"), {
      org: {
        provider: { region: "us-east-1", allowedAccountIds: ["123456789012"] },
        // The production backend is S3: the copy must not use it.
        backend: (s) => new S3Backend(s, { bucket: "org-state", key: "org/terraform.tfstate", region: "us-east-1" }),
        build: (s) => {
          new OrganizationsAccount(s, "legacy", { name: "legacy", email: "legacy@example.com" }).importFrom("210987654321");
          new S3Bucket(s, "logs", { bucket: "logs-bucket" });
        },
      },
      app: {
        provider: assumeRoleProvider("111111111111", ["111111111111", "222222222222"]),
        build: (s) => {
          const dns = new DataTerraformRemoteStateS3(s, "dns", {
            bucket: "org-state",
            key: "dns/terraform.tfstate",
            region: "us-east-1",
            defaults: { zone_id: "Z-PLACEHOLDER" },
          });
          const local = new DataTerraformRemoteStateLocal(s, "corp", { path: upstreamState });
          const missing = new DataTerraformRemoteStateLocal(s, "tools", { path: join(tmp.dir, "upstream", "tools.tfstate") });
          new TerraformOutput(s, "zone", { value: dns.getString("zone_id") });
          new TerraformOutput(s, "corp_out", { value: local.get("x") });
          new TerraformOutput(s, "tools_out", { value: missing.get("y") });
        },
      },
    });
  });
  afterAll(() => tmp?.remove());

  it("copies without touching the input, overrides the backend with a local state in the copy, and strips imports", () => {
    const before = snapshotDir(dirs.org!);
    expect(readJson(join(dirs.org!, "cdk.tf.json")).import).toEqual([{ to: "aws_organizations_account.legacy", id: "210987654321" }]);

    const work = join(tmp.dir, "work", "org");
    const prepared = prepareWorkDir(dirs.org!, { workDir: work });

    expect(snapshotDir(dirs.org!)).toEqual(before);
    expect(prepared.stackId).toBe("org");
    expect(prepared.imports).toEqual([{ to: "aws_organizations_account.legacy", id: "210987654321" }]);
    expect(prepared.account).toBe("123456789012");
    expect(prepared.statePath).toBe(join(work, "offline.tfstate"));
    const copy = readJson(join(work, "cdk.tf.json"));
    expect(copy.import).toBeUndefined();
    expect(copy.resource.aws_organizations_account.legacy.name).toBe("legacy");
    // The original backend stays in the copy; the override file replaces it for Terraform.
    expect(copy.terraform.backend.s3.bucket).toBe("org-state");
    expect(readJson(join(work, "backend_override.tf.json"))).toEqual({ terraform: { backend: { local: { path: prepared.statePath } } } });
    expect(existsSync(prepared.statePath)).toBe(false);
    expect(prepared.notPlanned).toEqual([]);
  });

  it("keeps import blocks when asked (validate checks them without AWS)", () => {
    const work = join(tmp.dir, "work", "org-validate");
    const prepared = prepareWorkDir(dirs.org!, { workDir: work, stripImports: false });
    expect(prepared.imports).toEqual([]);
    expect(readJson(join(work, "cdk.tf.json")).import).toHaveLength(1);
  });

  it("reads an existing local upstream state, and reads missing or S3 upstream states as empty, saying so", () => {
    const work = join(tmp.dir, "work", "app");
    const prepared = prepareWorkDir(dirs.app!, { workDir: work });
    const empty = join(work, "upstream-empty.tfstate");
    expect(readJson(join(work, "remote_state_override.tf.json"))).toEqual({
      data: {
        terraform_remote_state: {
          dns: { backend: "local", config: { path: empty } },
          corp: { backend: "local", config: { path: upstreamState } },
          tools: { backend: "local", config: { path: empty } },
        },
      },
    });
    expect(readJson(empty)).toMatchObject({ version: 4, outputs: {}, resources: [] });
    expect(prepared.notPlanned.map((n) => n.what)).toEqual([
      "data.terraform_remote_state.dns (s3 org-state/dns/terraform.tfstate)",
      `data.terraform_remote_state.tools (local ${join(tmp.dir, "upstream", "tools.tfstate")})`,
    ]);
    expect(prepared.notPlanned[0]!.why).toMatch(/read as empty, outputs take their defaults/);
    // Two allowed accounts: the account is the assumed role's.
    expect(prepared.account).toBe("111111111111");
  });

  it("seeds a v4 state file as the local state and refuses anything else", () => {
    const seed = join(tmp.dir, "seed.tfstate");
    writeFileSync(seed, emptyStateJson());
    const prepared = prepareWorkDir(dirs.org!, { workDir: join(tmp.dir, "work", "seeded"), seedState: seed });
    expect(readFileSync(prepared.statePath, "utf8")).toBe(emptyStateJson());

    const v3 = join(tmp.dir, "v3.tfstate");
    writeFileSync(v3, JSON.stringify({ version: 3 }));
    expect(() => prepareWorkDir(dirs.org!, { workDir: join(tmp.dir, "work", "v3"), seedState: v3 })).toThrow(/not Terraform state format v4/);
  });

  it("refuses a work dir that overlaps the input (it is emptied first)", () => {
    expect(() => prepareWorkDir(dirs.org!, { workDir: dirs.org! })).toThrow(/overlaps the input/);
    expect(() => prepareWorkDir(dirs.org!, { workDir: join(tmp.dir, "cdktf.out") })).toThrow(/overlaps the input/);
    expect(() => prepareWorkDir(dirs.org!, { workDir: join(dirs.org!, "work") })).toThrow(/overlaps the input/);
    expect(existsSync(join(dirs.org!, "cdk.tf.json"))).toBe(true);
  });

  it("says to synthesize first when there is no cdk.tf.json", () => {
    expect(() => prepareWorkDir(join(tmp.dir, "nothing"), { workDir: join(tmp.dir, "work", "x") })).toThrow(/no cdk.tf.json.*synthesize first/);
  });
});

describe("stripImports / providerAccount", () => {
  it("accepts a single import object and import blocks with a provider", () => {
    const config: Json = { import: { to: "aws_s3_bucket.a", id: "a", provider: "aws.west" } };
    expect(stripImports(config)).toEqual([{ to: "aws_s3_bucket.a", id: "a", provider: "aws.west" }]);
    expect(config).toEqual({});
  });

  it("rejects an import block without string to/id", () => {
    expect(() => stripImports({ import: [{ to: "aws_s3_bucket.a" }] })).toThrow(/import block without string/);
  });

  it("takes the account from the unaliased provider: single allowed account, else the assumed role", () => {
    expect(
      providerAccount({
        provider: {
          aws: [{ alias: "dns", allowed_account_ids: ["222222222222"] }, { assume_role: [{ role_arn: "arn:aws:iam::333333333333:role/x" }] }],
        },
      }),
    ).toBe("333333333333");
    expect(providerAccount({})).toBeUndefined();
  });
});
