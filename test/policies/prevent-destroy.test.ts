import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { OrganizationsAccount } from "@cdktf/provider-aws/lib/organizations-account";
import { OrganizationsOrganization } from "@cdktf/provider-aws/lib/organizations-organization";
import { OrganizationsOrganizationalUnit } from "@cdktf/provider-aws/lib/organizations-organizational-unit";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { describe, expect, it } from "vitest";
import { setBucketPurpose } from "../../stacks/policies/engine/bucket-purpose.ts";
import { bucket, config, synthErrors, type PolicyTestStack } from "./helpers.ts";

const table = (s: PolicyTestStack, preventDestroy: boolean) =>
  new DynamodbTable(s, "sessions", {
    name: "sessions",
    billingMode: "PAY_PER_REQUEST",
    hashKey: "id",
    attribute: [{ name: "id", type: "S" }],
    pointInTimeRecovery: { enabled: true },
    ...(preventDestroy && { lifecycle: { preventDestroy: true } }),
  });

describe("prevent-destroy", () => {
  it("passes a protected zone, state bucket and account, a protected table in prod, and an unprotected table in dev", () => {
    expect(
      synthErrors((s) => {
        new Route53Zone(s, "zone", { name: "example.com", lifecycle: { preventDestroy: true } });
        bucket(s, "state", config.state.bucket, { preventDestroy: true });
        new OrganizationsAccount(s, "account", { name: "Sandbox", email: "aws-sandbox@example.com", lifecycle: { preventDestroy: true } });
        bucket(s, "scratch", "acme-scratch");
        table(s, true);
      }, "prod"),
    ).toEqual([]);
    expect(synthErrors((s) => table(s, false), "dev")).toEqual([]);
  });

  it("fails a zone, the state bucket, an account and a table in prod that Terraform could destroy", () => {
    const fix = "but can be destroyed (set lifecycle: { preventDestroy: true })";
    expect(
      synthErrors((s) => {
        new Route53Zone(s, "zone", { name: "example.com" });
        bucket(s, "state", config.state.bucket);
        new OrganizationsAccount(s, "account", { name: "Sandbox", email: "aws-sandbox@example.com" });
        table(s, false);
      }, "prod"),
    ).toEqual([
      `[test/zone] [prevent-destroy] aws_route53_zone.zone: is a hosted zone (its name servers are delegated to) ${fix}`,
      `[test/state] [prevent-destroy] aws_s3_bucket.state: is the state bucket ${fix}`,
      `[test/account] [prevent-destroy] aws_organizations_account.account: is an account ${fix}`,
      `[test/sessions] [prevent-destroy] aws_dynamodb_table.sessions: is a table of stack test, which holds protected data ${fix}`,
    ]);
  });

  it("fails the organization and an OU whose lifecycle is written but does not prevent destroy", () => {
    const fix = "but can be destroyed (set lifecycle: { preventDestroy: true })";
    expect(
      synthErrors((s) => {
        new OrganizationsOrganization(s, "organization", { featureSet: "ALL", lifecycle: { preventDestroy: false } });
        new OrganizationsOrganizationalUnit(s, "workloads", { name: "Workloads", parentId: "r-abcd", lifecycle: { preventDestroy: false, ignoreChanges: ["tags"] } });
      }),
    ).toEqual([
      `[test/organization] [prevent-destroy] aws_organizations_organization.organization: is the organization ${fix}`,
      `[test/workloads] [prevent-destroy] aws_organizations_organizational_unit.workloads: is an organizational unit ${fix}`,
    ]);
  });

  it("fails a KMS key in a stack holding protected data, and leaves one in dev alone: a deleted key loses the data it encrypted", () => {
    const key = (s: PolicyTestStack) => new KmsKey(s, "key", { enableKeyRotation: true });
    expect(synthErrors((s) => key(s), "prod")).toEqual([
      "[test/key] [prevent-destroy] aws_kms_key.key: is a KMS key of stack test, which holds protected data but can be destroyed (set lifecycle: { preventDestroy: true })",
    ]);
    expect(synthErrors((s) => key(s), "dev")).toEqual([]);
  });

  it("knows a state bucket by its declared purpose, whatever its name", () => {
    expect(
      synthErrors((s) => {
        setBucketPurpose(bucket(s, "state", "acme-other-state"), "state");
      }),
    ).toEqual(["[test/state] [prevent-destroy] aws_s3_bucket.state: is the state bucket but can be destroyed (set lifecycle: { preventDestroy: true })"]);
  });
});
