/** The guardrail library: each policy as data, and where the example config attaches it. */
import { OrganizationsPolicy } from "@cdktf/provider-aws/lib/organizations-policy";
import { describe, expect, it } from "vitest";
import { GUARDRAIL_NAMES, type GuardrailName } from "../../config/guardrail-names.ts";
import { loadConfig } from "../../config/load.ts";
import type { OrgConfig } from "../../config/model.ts";
import { misplacedWildcards } from "../../org/guardrails/check.ts";
import { GUARDRAILS, usedGuardrails } from "../../org/guardrails/index.ts";
import { GLOBAL_SERVICE_ACTIONS } from "../../org/guardrails/region-allow-list.ts";
import { OrgStack } from "../../org/org-stack.ts";
import { policyJson, type PolicyDocument, type PolicyStatement } from "../../stacks/policy-document.ts";
import { configWith, EXAMPLE_CONFIG } from "../helpers/example-config.ts";
import { resourcesOfType, synthJson, testApp } from "../helpers/synth.ts";

const config = loadConfig({ configDir: EXAMPLE_CONFIG });
/**
 * The example's org stack, synthesized anew by each test that reads it:
 * built once when the file loads, it would tie no test to the guardrail
 * code it runs, and mutation testing would never run these tests against it.
 */
function synthOrg(c: OrgConfig = config): ReturnType<typeof synthJson> {
  const { app, cleanup } = testApp();
  try {
    return synthJson(new OrgStack(app, { config: c }));
  } finally {
    cleanup();
  }
}

function documentOf(name: GuardrailName, c: OrgConfig = config): PolicyDocument {
  return GUARDRAILS[name].build(c);
}

function statement(doc: PolicyDocument, sid: string): PolicyStatement {
  const found = doc.Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid} in ${policyJson(doc)}`);
  return found;
}

const BREAK_GLASS = { ArnNotLike: { "aws:PrincipalARN": ["arn:aws:iam::*:role/BreakGlassAdmin"] } };

describe("guardrail library", () => {
  it("has a builder for every name config accepts, and no other", () => {
    expect(Object.keys(GUARDRAILS).sort()).toEqual([...GUARDRAIL_NAMES].sort());
  });

  it("writes every guardrail of the example config under AWS's 5120 characters, with wildcards only at the end of actions", () => {
    for (const name of GUARDRAIL_NAMES) {
      const doc = documentOf(name);
      expect(policyJson(doc).length, name).toBeLessThanOrEqual(5120);
      expect(misplacedWildcards(doc), name).toEqual([]);
      for (const s of doc.Statement) expect(s.Effect, `${name} ${s.Sid}`).toBe("Deny");
    }
  });

  it("deny-leave-organization denies organizations:LeaveOrganization", () => {
    expect(documentOf("deny-leave-organization").Statement).toEqual([{ Sid: "DenyLeaveOrganization", Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }]);
  });

  it("deny-root-user denies everything to the root user of any member account", () => {
    expect(documentOf("deny-root-user").Statement).toEqual([
      {
        Sid: "DenyRootUser",
        Effect: "Deny",
        Action: "*",
        Resource: "*",
        Condition: { StringLike: { "aws:PrincipalARN": "arn:aws:iam::*:root" } },
      },
    ]);
  });

  it("deny-all denies everything in a retired account except to the break-glass role", () => {
    expect(documentOf("deny-all").Statement).toEqual([
      {
        Sid: "DenyAllInRetiredAccounts",
        Effect: "Deny",
        Action: "*",
        Resource: "*",
        Condition: { ArnNotLike: { "aws:PrincipalARN": ["arn:aws:iam::*:role/BreakGlassAdmin"] } },
      },
    ]);
  });

  describe("baseline", () => {
    const doc = (): PolicyDocument => documentOf("baseline");

    it("holds deny-leave-organization and deny-root-user as they are, so the root needs one slot for both", () => {
      expect(doc().Statement.slice(0, 2)).toEqual([...documentOf("deny-leave-organization").Statement, ...documentOf("deny-root-user").Statement]);
    });

    it("keeps the account-level S3 public access block, except for the break-glass and admin roles", () => {
      expect(statement(doc(), "ProtectAccountPublicAccessBlock")).toEqual({
        Sid: "ProtectAccountPublicAccessBlock",
        Effect: "Deny",
        Action: "s3:PutAccountPublicAccessBlock",
        Resource: "*",
        Condition: {
          ArnNotLike: {
            "aws:PrincipalARN": ["arn:aws:iam::*:role/BreakGlassAdmin", "arn:aws:iam::*:role/OrganizationAccountAccessRole", "arn:aws:iam::*:role/LegacyAdmin"],
          },
        },
      });
    });

    it("denies IAM users, passwords and access keys, and turning EBS encryption by default off, to all but break-glass", () => {
      expect(statement(doc(), "DenyIamUsersAndAccessKeys")).toMatchObject({
        Action: ["iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:CreateUser", "iam:UpdateLoginProfile"],
        Condition: BREAK_GLASS,
      });
      expect(statement(doc(), "KeepEbsEncryptionByDefault")).toMatchObject({
        Action: ["ec2:DisableEbsEncryptionByDefault", "ec2:ResetEbsDefaultKmsKeyId"],
        Condition: BREAK_GLASS,
      });
    });

    it("denies resource shares that allow principals outside the organization, to everyone", () => {
      expect(statement(doc(), "DenyRamSharingOutsideOrganization")).toEqual({
        Sid: "DenyRamSharingOutsideOrganization",
        Effect: "Deny",
        Action: ["ram:CreateResourceShare", "ram:UpdateResourceShare"],
        Resource: "*",
        Condition: { Bool: { "ram:RequestedAllowsExternalPrincipals": "true" } },
      });
    });
  });

  describe("deny-public-network", () => {
    const doc = (): PolicyDocument => documentOf("deny-public-network");

    it("denies internet gateways and Elastic IPs, and instances with a public address, to all but break-glass", () => {
      expect(statement(doc(), "DenyInternetGatewaysAndElasticIps")).toMatchObject({
        Action: ["ec2:AllocateAddress", "ec2:AssociateAddress", "ec2:AttachInternetGateway", "ec2:CreateInternetGateway"],
        Condition: BREAK_GLASS,
      });
      expect(statement(doc(), "DenyPublicIpAddresses")).toEqual({
        Sid: "DenyPublicIpAddresses",
        Effect: "Deny",
        Action: "ec2:RunInstances",
        Resource: "arn:aws:ec2:*:*:network-interface/*",
        Condition: { Bool: { "ec2:AssociatePublicIpAddress": "true" }, ...BREAK_GLASS },
      });
    });
  });

  describe("protect-access-roles", () => {
    const doc = (): PolicyDocument => documentOf("protect-access-roles");

    it("protects every account's admin role, exempting only the break-glass role", () => {
      const admin = statement(doc(), "ProtectAdminRoles");
      // OrganizationAccountAccessRole for the created accounts, LegacyAdmin for the invited one
      // under any path too: a role name is unique per account whatever its path
      expect(admin.Resource).toEqual([
        "arn:aws:iam::*:role/OrganizationAccountAccessRole",
        "arn:aws:iam::*:role/*/OrganizationAccountAccessRole",
        "arn:aws:iam::*:role/LegacyAdmin",
        "arn:aws:iam::*:role/*/LegacyAdmin",
      ]);
      expect(admin.Action).toEqual(expect.arrayContaining(["iam:CreateRole", "iam:DeleteRole", "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:PutRolePolicy"]));
      expect(admin.Condition).toEqual(BREAK_GLASS);
    });

    it("protects the break-glass role itself: only the admin roles (assumed from the management account) create or change it", () => {
      const breakGlass = statement(doc(), "ProtectBreakGlassRole");
      expect(breakGlass.Resource).toEqual(["arn:aws:iam::*:role/BreakGlassAdmin", "arn:aws:iam::*:role/*/BreakGlassAdmin"]);
      expect(breakGlass.Action).toEqual(expect.arrayContaining(["iam:CreateRole", "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:PassRole"]));
      expect(breakGlass.Condition).toEqual({
        ArnNotLike: { "aws:PrincipalARN": ["arn:aws:iam::*:role/OrganizationAccountAccessRole", "arn:aws:iam::*:role/LegacyAdmin"] },
      });
    });

    it("protects each environment's deploy and drift roles, exempting the break-glass role and the admin roles the tools stack applies through", () => {
      const deploy = statement(doc(), "ProtectDeployRoles");
      expect(deploy.Resource).toEqual([
        "arn:aws:iam::*:role/deploy-dev",
        "arn:aws:iam::*:role/deploy-stage",
        "arn:aws:iam::*:role/deploy-prod",
        "arn:aws:iam::*:role/drift-dev",
        "arn:aws:iam::*:role/drift-stage",
        "arn:aws:iam::*:role/drift-prod",
      ]);
      expect(deploy.Condition).toEqual({
        ArnNotLike: {
          "aws:PrincipalARN": ["arn:aws:iam::*:role/BreakGlassAdmin", "arn:aws:iam::*:role/OrganizationAccountAccessRole", "arn:aws:iam::*:role/LegacyAdmin"],
        },
      });
    });

    it("keeps the deploy and drift roles' managed policies (named after the role) at their version, except for break-glass and the admin roles", () => {
      expect(statement(doc(), "ProtectDeployRolePolicies")).toMatchObject({
        Action: ["iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion"],
        Resource: ["deploy-dev", "deploy-stage", "deploy-prod", "drift-dev", "drift-stage", "drift-prod"].map((name) => `arn:aws:iam::*:policy/${name}*`),
        Condition: statement(doc(), "ProtectDeployRoles").Condition,
      });
    });

    it("has no deploy-role statements when config has no environments: AWS refuses a statement without a resource", () => {
      const d = documentOf("protect-access-roles", { ...config, environments: [] });
      expect(d.Statement.map((s) => s.Sid)).toEqual(["ProtectBreakGlassRole", "ProtectAdminRoles"]);
    });

    it("takes a break-glass role ARN as it is", () => {
      const arn = "arn:aws:iam::111111111111:role/Emergency";
      const c = configWith((r) => r.edit("organization.yaml", "break_glass_role: BreakGlassAdmin", `break_glass_role: ${arn}`));
      expect(statement(documentOf("protect-access-roles", c), "ProtectAdminRoles").Condition).toEqual({ ArnNotLike: { "aws:PrincipalARN": [arn] } });
      expect(statement(documentOf("protect-access-roles", c), "ProtectBreakGlassRole").Resource).toEqual([arn]);
    });

    it("exempts nobody from the admin-role protection when config names no break-glass role", () => {
      const c = configWith((r) => r.edit("organization.yaml", "  break_glass_role: BreakGlassAdmin\n", ""));
      const d = documentOf("protect-access-roles", c);
      expect(statement(d, "ProtectAdminRoles").Condition).toBeUndefined();
      expect(d.Statement.map((s) => s.Sid)).toEqual(["ProtectAdminRoles", "ProtectDeployRoles", "ProtectDeployRolePolicies"]);
    });
  });

  describe("protect-security-services", () => {
    const doc = (): PolicyDocument => documentOf("protect-security-services");

    it("denies stopping or deleting CloudTrail, GuardDuty and Config to all but the break-glass role", () => {
      expect(statement(doc(), "ProtectCloudTrail")).toMatchObject({
        Action: expect.arrayContaining(["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail"]),
        Condition: BREAK_GLASS,
      });
      expect(statement(doc(), "ProtectGuardDuty")).toMatchObject({
        Action: expect.arrayContaining(["guardduty:DeleteDetector", "guardduty:UpdateDetector", "guardduty:DisassociateFromAdministratorAccount"]),
        Condition: BREAK_GLASS,
      });
      expect(statement(doc(), "ProtectConfig")).toMatchObject({
        Action: expect.arrayContaining(["config:StopConfigurationRecorder", "config:DeleteConfigurationRecorder", "config:DeleteDeliveryChannel"]),
        Condition: BREAK_GLASS,
      });
    });

    it("denies narrowing them too: what Config records, GuardDuty filters and IP sets, archived findings, another trail, Security Hub, Access Analyzer", () => {
      expect(statement(doc(), "ProtectConfig").Action).toEqual(expect.arrayContaining(["config:PutConfigurationRecorder", "config:PutDeliveryChannel", "config:DeleteRetentionConfiguration"]));
      expect(statement(doc(), "ProtectGuardDuty").Action).toEqual(
        expect.arrayContaining(["guardduty:CreateFilter", "guardduty:CreateIPSet", "guardduty:ArchiveFindings", "guardduty:DeletePublishingDestination"]),
      );
      expect(statement(doc(), "ProtectCloudTrail").Action).toEqual(expect.arrayContaining(["cloudtrail:PutInsightSelectors", "cloudtrail:CreateTrail"]));
      expect(statement(doc(), "ProtectSecurityHubAndAccessAnalyzer")).toMatchObject({
        Action: expect.arrayContaining(["securityhub:DisableSecurityHub", "access-analyzer:DeleteAnalyzer", "access-analyzer:CreateArchiveRule"]),
        Condition: BREAK_GLASS,
      });
    });

    it("keeps the organization trail's bucket as configured, except for the log-archive admin role the org stack uses", () => {
      expect(statement(doc(), "ProtectTrailBucket")).toMatchObject({
        Action: expect.arrayContaining([
          "s3:PutBucketPolicy",
          "s3:DeleteBucketPolicy",
          "s3:DeleteBucket",
          "s3:PutLifecycleConfiguration",
          "s3:PutBucketPublicAccessBlock",
          "s3:PutBucketOwnershipControls",
          "s3:PutBucketAcl",
          "s3:PutObjectAcl",
          "s3:PutReplicationConfiguration",
          "s3:PutBucketLogging",
        ]),
        Resource: "arn:aws:s3:::acme-organization-trail-*",
        Condition: { ArnNotLike: { "aws:PrincipalARN": ["arn:aws:iam::*:role/BreakGlassAdmin", "arn:aws:iam::*:role/OrganizationAccountAccessRole"] } },
      });
    });

    it("has no trail-bucket statement without a log-archive account", () => {
      const c = configWith((r) => r.edit("organization.yaml", "log_archive_account: security\n", ""));
      expect(documentOf("protect-security-services", c).Statement.map((s) => s.Sid)).toEqual(["ProtectCloudTrail", "ProtectGuardDuty", "ProtectConfig", "ProtectSecurityHubAndAccessAnalyzer"]);
    });
  });

  describe("region-allow-list", () => {
    const doc = (): PolicyDocument => documentOf("region-allow-list");

    it("denies everything but global services outside allowed_regions, except for the break-glass role", () => {
      const outside = statement(doc(), "DenyOutsideAllowedRegions");
      expect(outside.NotAction).toEqual(expect.arrayContaining(["iam:*", "organizations:*", "sts:*", "route53:*", "cloudfront:*", "support:*", "budgets:*"]));
      // billing, invoicing, free tier, consolidated billing, ECR Public, Access Analyzer
      expect(outside.NotAction).toEqual(expect.arrayContaining(["billing:*", "invoicing:*", "freetier:*", "consolidatedbilling:*", "ecr-public:*", "access-analyzer:*"]));
      expect(outside.Action).toBeUndefined();
      expect(outside.Condition).toEqual({
        StringNotEquals: { "aws:RequestedRegion": ["eu-west-1", "eu-central-1", "us-east-1"] },
        ...BREAK_GLASS,
      });
    });

    it("allows ACM, CloudWatch and KMS in us-east-1 even when us-east-1 is not an allowed region", () => {
      const c = configWith((r) => r.edit("organization.yaml", "allowed_regions: [eu-west-1, eu-central-1, us-east-1]", "allowed_regions: [eu-west-1, eu-central-1]"));
      const d = documentOf("region-allow-list", c);
      expect(statement(d, "DenyOutsideAllowedRegions").Condition!.StringNotEquals).toEqual({ "aws:RequestedRegion": ["eu-west-1", "eu-central-1"] });
      // ACM, CloudWatch and KMS are left out of the first statement and denied by the second outside the regions plus us-east-1
      expect(statement(d, "DenyOutsideAllowedRegions").NotAction).toEqual(expect.arrayContaining(["acm:*", "cloudwatch:*", "kms:*"]));
      expect(statement(d, "DenyUsEast1ServicesOutsideAllowedRegions")).toMatchObject({
        Action: ["acm:*", "cloudwatch:*", "kms:*"],
        Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-west-1", "eu-central-1", "us-east-1"] } },
      });
    });

    it("lists us-east-1 once in the us-east-1 services' statement when it is an allowed region already", () => {
      expect(statement(doc(), "DenyUsEast1ServicesOutsideAllowedRegions").Condition!.StringNotEquals).toEqual({ "aws:RequestedRegion": ["eu-west-1", "eu-central-1", "us-east-1"] });
    });

    it("does not exempt regional services that hold data", () => {
      for (const regional of ["ec2:*", "s3:*", "rds:*", "dynamodb:*", "lambda:*"]) expect(GLOBAL_SERVICE_ACTIONS).not.toContain(regional);
    });
  });

  describe("protect-data-stores", () => {
    const doc = (): PolicyDocument => documentOf("protect-data-stores");

    it("denies deleting DynamoDB tables and backups, OpenSearch/Elasticsearch domains and QLDB ledgers", () => {
      expect(statement(doc(), "DenyDataStoreDeletion")).toEqual({
        Sid: "DenyDataStoreDeletion",
        Effect: "Deny",
        Action: ["dynamodb:DeleteBackup", "dynamodb:DeleteTable", "es:DeleteDomain", "es:DeleteElasticsearchDomain", "qldb:DeleteLedger"],
        Resource: "*",
      });
    });

    it("leaves deleting an RDS database (with its final snapshot), its snapshots, backups and keys to the break-glass role", () => {
      expect(statement(doc(), "DenyDatabaseDeletion")).toEqual({
        Sid: "DenyDatabaseDeletion",
        Effect: "Deny",
        Action: [
          "backup:DeleteBackupVault",
          "backup:DeleteRecoveryPoint",
          "backup:UpdateRecoveryPointLifecycle",
          "kms:ScheduleKeyDeletion",
          "rds:DeleteDBCluster",
          "rds:DeleteDBClusterSnapshot",
          "rds:DeleteDBInstance",
          "rds:DeleteDBSnapshot",
        ],
        Resource: "*",
        Condition: BREAK_GLASS,
      });
    });

    it("lets only the roles stacks deploy through change point-in-time recovery, which Terraform turns on with the same action", () => {
      expect(statement(doc(), "KeepPointInTimeRecovery")).toMatchObject({
        Action: "dynamodb:UpdateContinuousBackups",
        Condition: {
          ArnNotLike: {
            "aws:PrincipalARN": expect.arrayContaining(["arn:aws:iam::*:role/BreakGlassAdmin", "arn:aws:iam::*:role/OrganizationAccountAccessRole", "arn:aws:iam::*:role/deploy-prod"]),
          },
        },
      });
    });
  });
});

describe("guardrails in the org stack (example config)", () => {
  const attachmentsOf = (synth: ReturnType<typeof synthJson>) => resourcesOfType(synth, "aws_organizations_policy_attachment");

  it("creates one SCP per guardrail in use, its content the minified document", () => {
    // 4 on the root, deny-public-network and deny-all on OUs, protect-data-stores on protected environments' accounts;
    // deny-leave-organization and deny-root-user are inside baseline
    const synth = synthOrg();
    const used = GUARDRAIL_NAMES.filter((n) => n !== "deny-leave-organization" && n !== "deny-root-user");
    expect(Object.keys(resourcesOfType(synth, "aws_organizations_policy")).sort()).toEqual(used.map((n) => `scp-${n}`).sort());
    for (const [name, doc] of usedGuardrails(config)) {
      expect(synth.text).toHaveResourceWithProperties(OrganizationsPolicy, {
        name,
        type: "SERVICE_CONTROL_POLICY",
        content: policyJson(doc),
        description: GUARDRAILS[name].description,
        depends_on: ["aws_organizations_organization.organization"],
      });
    }
  });

  it("attaches each guardrail to the targets config names", () => {
    const attachments = attachmentsOf(synthOrg());
    const byTarget = (target: string) =>
      Object.values(attachments)
        .filter((a) => a.target_id === target)
        .map((a) => a.policy_id)
        .sort();
    const policy = (name: GuardrailName) => `\${aws_organizations_policy.scp-${name}.id}`;
    // root: the region allow-list too, so a new top-level OU cannot be without it
    expect(byTarget("${aws_organizations_organization.organization.roots[0].id}")).toEqual(
      ["baseline", "protect-access-roles", "protect-security-services", "region-allow-list"].map((n) => policy(n as GuardrailName)).sort(),
    );
    // the log archive has no internet-facing network; core (the Corp VPN's public IP) and workloads have nothing of their own
    expect(byTarget("${aws_organizations_organizational_unit.ou-security.id}")).toEqual([policy("deny-public-network")]);
    for (const ou of ["core", "workloads"]) expect(byTarget(`\${aws_organizations_organizational_unit.ou-${ou}.id}`), ou).toEqual([]);
    // stage and prod are protected environments; dev is not
    for (const account of ["stage", "prod"]) {
      expect(byTarget(`\${aws_organizations_account.account-${account}.id}`), account).toEqual([policy("protect-data-stores")]);
    }
    // retired accounts wait in the suspended OU, where nothing may run
    expect(byTarget("${aws_organizations_organizational_unit.ou-suspended.id}")).toEqual([policy("deny-all")]);
    // root 4 + OUs 2 + protected accounts 2
    expect(Object.keys(attachments)).toHaveLength(8);
  });

  it("names attachments by kind of target, so the OU and the account called security cannot collide", () => {
    const attachments = attachmentsOf(synthOrg());
    expect(Object.keys(attachments)).toContain("scp-deny-public-network-ou-security");
    expect(Object.keys(attachments)).toContain("scp-protect-data-stores-account-prod");
    expect(Object.keys(attachments)).toContain("scp-baseline-root");
  });

  it("creates no SCP that nothing attaches", () => {
    const noOus = configWith((r) => r.edit("organization.yaml", "    security: [deny-public-network]\n", ""));
    const s = synthOrg(noOus);
    expect(Object.keys(resourcesOfType(s, "aws_organizations_policy"))).not.toContain("scp-deny-public-network");
    // the root's four, protect-data-stores and deny-all
    expect(Object.keys(resourcesOfType(s, "aws_organizations_policy"))).toHaveLength(6);
  });
});
