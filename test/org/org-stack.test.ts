/** Focused assertions on the org stack synthesized from the example config. */
import { OrganizationsAccount } from "@cdktf/provider-aws/lib/organizations-account";
import { OrganizationsOrganization } from "@cdktf/provider-aws/lib/organizations-organization";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config/load.ts";
import { OrgStack } from "../../org/org-stack.ts";
import { configWith, EXAMPLE_CONFIG, REPO_ROOT, tempRepo } from "../helpers/example-config.ts";
import { resourcesOfType, synthJson, testApp } from "../helpers/synth.ts";

const config = loadConfig({ configDir: EXAMPLE_CONFIG });
const { app, cleanup } = testApp();
afterAll(cleanup);
const stack = new OrgStack(app, { config });
const synth = synthJson(stack);

describe("org stack", () => {
  it("creates an all-features organization with SCPs enabled and the configured service principals", () => {
    expect(synth.text).toHaveResourceWithProperties(OrganizationsOrganization, {
      feature_set: "ALL",
      enabled_policy_types: ["SERVICE_CONTROL_POLICY"],
      aws_service_access_principals: ["cloudtrail.amazonaws.com", "config.amazonaws.com", "sso.amazonaws.com"],
      lifecycle: { prevent_destroy: true },
    });
  });

  it("gives CloudTrail its trusted access when config asks for the trail but does not list the principal", () => {
    const c = configWith((r) => r.edit("organization.yaml", "  - cloudtrail.amazonaws.com\n", ""));
    const { app: a, cleanup: done } = testApp();
    try {
      const principals = Object.values(resourcesOfType(synthJson(new OrgStack(a, { config: c })), "aws_organizations_organization"))[0]!.aws_service_access_principals;
      expect(principals).toEqual(["config.amazonaws.com", "sso.amazonaws.com", "cloudtrail.amazonaws.com"]);
    } finally {
      done();
    }
    // Without a trail, nothing is added.
    const noTrail = configWith((r) => {
      r.edit("organization.yaml", "  - cloudtrail.amazonaws.com\n", "");
      r.edit("organization.yaml", "log_archive_account: security\n", "");
    });
    expect(noTrail.serviceAccessPrincipals).toEqual(["config.amazonaws.com", "sso.amazonaws.com"]);
  });

  it("creates the OU tree with children under their parent OU", () => {
    const ous = resourcesOfType(synth, "aws_organizations_organizational_unit");
    // security, core, workloads, suspended at the root; nonprod and production under workloads
    expect(Object.keys(ous).sort()).toEqual(["ou-core", "ou-nonprod", "ou-production", "ou-security", "ou-suspended", "ou-workloads"]);
    expect(ous["ou-core"]!.parent_id).toBe("${aws_organizations_organization.organization.roots[0].id}");
    expect(ous["ou-nonprod"]!.parent_id).toBe("${aws_organizations_organizational_unit.ou-workloads.id}");
    for (const ou of Object.values(ous)) expect(ou.lifecycle).toEqual({ prevent_destroy: true });
  });

  it("creates every member account, never closing one on deletion", () => {
    const accounts = resourcesOfType(synth, "aws_organizations_account");
    // 8 members; the management account is the organization's own and not a resource
    expect(Object.keys(accounts)).toHaveLength(8);
    expect(synth.text).toHaveResourceWithProperties(OrganizationsAccount, {
      name: "Acme Production",
      email: "aws-prod@example.com",
      parent_id: "${aws_organizations_organizational_unit.ou-production.id}",
      role_name: "OrganizationAccountAccessRole",
      close_on_deletion: false,
    });
    for (const account of Object.values(accounts)) {
      expect(account.close_on_deletion).toBe(false);
      expect(account.lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ["role_name", "iam_user_access_to_billing"] });
    }
  });

  it("imports the account that already exists instead of creating it", () => {
    expect(synth.json.import).toEqual([{ to: "aws_organizations_account.account-legacy", id: "222222222222" }]);
    expect(resourcesOfType(synth, "aws_organizations_account")["account-legacy"]).toMatchObject({ role_name: "LegacyAdmin", email: "ops@example.com" });
  });

  it("creates the state bucket versioned, encrypted, private, owner-enforced and TLS-only", () => {
    expect(Object.values(resourcesOfType(synth, "aws_s3_bucket"))).toEqual([expect.objectContaining({ bucket: "acme-terraform-state-example", lifecycle: { prevent_destroy: true } })]);
    expect(synth.text).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: "Enabled" } });
    expect(synth.text).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms" }, bucket_key_enabled: true }],
    });
    expect(synth.text).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const [policy] = Object.values(resourcesOfType(synth, "aws_s3_bucket_policy"));
    expect(JSON.parse(policy!.policy as string).Statement).toContainEqual({
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: ["arn:aws:s3:::acme-terraform-state-example", "arn:aws:s3:::acme-terraform-state-example/*"],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    const [ownership] = Object.values(resourcesOfType(synth, "aws_s3_bucket_ownership_controls"));
    expect(ownership!.rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
  });

  it("runs in the management account itself: pinned to its id, no role to assume", () => {
    expect(synth.text).toHaveProviderWithProperties(AwsProvider, {
      region: "eu-west-1",
      allowed_account_ids: ["111111111111"],
      default_tags: [{ tags: { ManagedBy: "cdktf", Organization: "acme", Stack: "org", Account: "org", Environment: "none" } }],
    });
    expect(synth.json.provider.aws[0]!.assume_role).toBeUndefined();
  });

  it("keeps its state in its own local file by default", () => {
    expect(synth.json.terraform.backend).toEqual({ local: { path: `${REPO_ROOT}/state/org.tfstate` } });
  });

  it("outputs the account ids by name and the state bucket under the shared output names", () => {
    expect(Object.keys(synth.json.output!).sort()).toEqual(["account_ids", "organization_id", "state_bucket_name"]);
    expect(synth.json.output!.account_ids!.value).toMatchObject({
      org: "111111111111",
      dev: "${aws_organizations_account.account-dev.id}",
      legacy: "${aws_organizations_account.account-legacy.id}",
    });
  });
});

describe("org stack with the state bucket in another region", () => {
  it("creates the bucket through an aliased provider pinned to the same account", () => {
    const repo = tempRepo();
    try {
      repo.edit("organization.yaml", "  bucket: acme-terraform-state-example", "  bucket: acme-terraform-state-example\n  region: us-east-1");
      const { app: otherApp, cleanup: done } = testApp();
      try {
        const other = synthJson(new OrgStack(otherApp, { config: repo.load() }));
        expect(other.json.provider.aws).toContainEqual(expect.objectContaining({ alias: "state_region", region: "us-east-1", allowed_account_ids: ["111111111111"] }));
        const [bucket] = Object.values(resourcesOfType(other, "aws_s3_bucket"));
        expect(bucket!.provider).toBe("aws.state_region");
      } finally {
        done();
      }
    } finally {
      repo.cleanup();
    }
  });
});
