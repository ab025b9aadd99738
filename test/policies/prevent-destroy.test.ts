import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { OrganizationsAccount } from "@cdktf/provider-aws/lib/organizations-account";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { describe, expect, it } from "vitest";
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
});
