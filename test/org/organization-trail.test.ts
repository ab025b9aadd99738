/** The organization trail: absent with a warning until the log-archive account's id is known, then trail, bucket and provider. */
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config/load.ts";
import type { OrgConfig } from "../../config/model.ts";
import { OrgStack } from "../../org/org-stack.ts";
import { configWith, EXAMPLE_CONFIG, type TempRepo } from "../helpers/example-config.ts";
import { resourcesOfType, synthJson, testApp, type SynthesizedJson } from "../helpers/synth.ts";
import { annotationsOf } from "./annotations.ts";

const SECURITY_ID = "444444444444";
const BUCKET = `acme-organization-trail-${SECURITY_ID}`;
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const TRAIL_ARN = "arn:aws:cloudtrail:eu-west-1:111111111111:trail/acme-organization-trail";

interface Synthesized {
  readonly synth: SynthesizedJson;
  readonly errors: string[];
  readonly warnings: string[];
}

function synthOrg(config: OrgConfig): Synthesized {
  const { app, cleanup } = testApp();
  try {
    const stack = new OrgStack(app, { config });
    return { synth: synthJson(stack), errors: annotationsOf(stack, "error"), warnings: annotationsOf(stack, "warning") };
  } finally {
    cleanup();
  }
}

const withSecurityId = (repo: TempRepo) => repo.edit("accounts/security.yaml", "ou: security", `ou: security\naccount_id: "${SECURITY_ID}"`);

describe("organization trail, log-archive account not created yet (example config)", () => {
  const { synth, errors, warnings } = synthOrg(loadConfig({ configDir: EXAMPLE_CONFIG }));

  it("creates neither trail nor bucket nor a provider for the security account", () => {
    expect(resourcesOfType(synth, "aws_cloudtrail")).toEqual({});
    expect(Object.values(resourcesOfType(synth, "aws_s3_bucket")).map((b) => b.bucket)).toEqual(["acme-terraform-state-example"]);
    expect(synth.json.provider.aws.map((p) => p.alias)).toEqual([undefined]);
    expect(errors).toEqual([]);
  });

  it("warns, saying what to do", () => {
    expect(warnings).toEqual([
      "organization trail not created yet: the log-archive account security has no account_id in config/accounts/security.yaml, " +
        "and its bucket is written through a provider that assumes a role in that account, which cannot be planned before the account exists. " +
        "To create it: apply the org stack (it creates the account), run `npm run accounts -- sync` (writes the id into config/accounts/security.yaml), " +
        "then apply the org stack again.",
    ]);
  });
});

describe("organization trail, log-archive account id known", () => {
  const { synth, errors, warnings } = synthOrg(configWith(withSecurityId));
  const [trailBucket] = Object.values(resourcesOfType(synth, "aws_s3_bucket")).filter((b) => b.bucket === BUCKET);
  const bucketProvider = "aws.account_security";

  it("synthesizes without errors or warnings", () => {
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it("creates an organization trail over all accounts and regions, with log file validation, in the management account", () => {
    expect(synth.text).toHaveResourceWithProperties(Cloudtrail, {
      name: "acme-organization-trail",
      s3_bucket_name: BUCKET,
      is_organization_trail: true,
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      enable_logging: true,
      lifecycle: { prevent_destroy: true },
    });
    const [trail] = Object.values(resourcesOfType(synth, "aws_cloudtrail"));
    expect(trail!.provider).toBeUndefined();
    // the bucket policy first (CloudTrail checks it on create), and the organization's trusted access
    expect(trail!.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\.organization-trail_bucket_policy_/), "aws_organizations_organization.organization"]);
  });

  it("writes the bucket through an aliased provider that assumes the security account's admin role, pinned to its id", () => {
    expect(synth.text).toHaveProviderWithProperties(AwsProvider, {
      alias: "account_security",
      region: "eu-west-1",
      allowed_account_ids: [SECURITY_ID],
      assume_role: [{ role_arn: `arn:aws:iam::${SECURITY_ID}:role/OrganizationAccountAccessRole`, session_name: "cdktf-org" }],
      default_tags: [{ tags: { ManagedBy: "cdktf", Organization: "acme", Stack: "org", Account: "security", Environment: "none" } }],
    });
    expect(trailBucket).toMatchObject({ bucket: BUCKET, provider: bucketProvider, lifecycle: { prevent_destroy: true } });
    for (const type of [
      "aws_s3_bucket_versioning",
      "aws_s3_bucket_server_side_encryption_configuration",
      "aws_s3_bucket_public_access_block",
      "aws_s3_bucket_policy",
      "aws_s3_bucket_ownership_controls",
    ]) {
      const trailOnes = Object.entries(resourcesOfType(synth, type)).filter(([id]) => id.startsWith("organization-trail_"));
      expect(
        trailOnes.map(([, r]) => r.provider),
        type,
      ).toEqual([bucketProvider]);
    }
  });

  it("makes the bucket versioned, SSE-S3 encrypted and private", () => {
    expect(synth.text).toHaveResourceWithProperties(S3BucketVersioningA, { provider: bucketProvider, versioning_configuration: { status: "Enabled" } });
    expect(synth.text).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      provider: bucketProvider,
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }],
    });
    expect(synth.text).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      provider: bucketProvider,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  it("lets only this trail write, under the management account's and the organization's prefixes, over TLS, and nobody delete", () => {
    const [policy] = Object.values(resourcesOfType(synth, "aws_s3_bucket_policy")).filter((p) => p.provider === bucketProvider);
    const statements = JSON.parse(policy!.policy as string).Statement;
    expect(statements).toEqual([
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "AWSCloudTrailAclCheck",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:GetBucketAcl",
        Resource: BUCKET_ARN,
        Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } },
      },
      {
        Sid: "AWSCloudTrailWrite",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        // the organization id is only known after apply: a reference inside the literal
        Resource: [`${BUCKET_ARN}/AWSLogs/111111111111/*`, `${BUCKET_ARN}/AWSLogs/\${aws_organizations_organization.organization.id}/*`],
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": TRAIL_ARN } },
      },
      {
        Sid: "DenyWritesExceptCloudTrail",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: `${BUCKET_ARN}/*`,
        Condition: { StringNotEquals: { "aws:PrincipalServiceName": "cloudtrail.amazonaws.com" } },
      },
      {
        Sid: "DenyDeletion",
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:DeleteBucket", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutLifecycleConfiguration"],
        Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`],
      },
    ]);
  });

  it("outputs the bucket name for readers of the org stack's state", () => {
    expect(synth.json.output!.organization_trail_bucket_name!.value).toMatch(/^\$\{aws_s3_bucket\.organization-trail_bucket_[0-9A-F]+\.bucket\}$/);
  });
});

describe("organization trail, other configs", () => {
  it("is not created, and nothing is said, when config names no log-archive account", () => {
    const { synth, errors, warnings } = synthOrg(configWith((r) => r.edit("organization.yaml", "log_archive_account: security\n", "")));
    expect(resourcesOfType(synth, "aws_cloudtrail")).toEqual({});
    expect([...errors, ...warnings]).toEqual([]);
  });

  it("uses the log-archive account's own admin role and region, and the guardrail exempts that role", () => {
    const config = configWith((r) => {
      withSecurityId(r);
      r.edit("accounts/security.yaml", "ou: security", "ou: security\nregion: eu-central-1\nadmin_role_name: LogArchiveAdmin");
    });
    const { synth } = synthOrg(config);
    expect(synth.text).toHaveProviderWithProperties(AwsProvider, {
      alias: "account_security",
      region: "eu-central-1",
      assume_role: [{ role_arn: `arn:aws:iam::${SECURITY_ID}:role/LogArchiveAdmin`, session_name: "cdktf-org" }],
    });
    const scp = JSON.parse(resourcesOfType(synth, "aws_organizations_policy")["scp-protect-security-services"]!.content as string);
    expect(scp.Statement.find((st: { Sid: string }) => st.Sid === "ProtectTrailBucket").Condition).toEqual({
      ArnNotLike: { "aws:PrincipalARN": ["arn:aws:iam::*:role/BreakGlassAdmin", "arn:aws:iam::*:role/LogArchiveAdmin"] },
    });
  });
});
