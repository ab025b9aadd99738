import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { TerraformVariable } from "cdktf";
import { describe, expect, it } from "vitest";
import { synthErrors } from "./helpers.ts";

const group = (retentionInDays?: number) => synthErrors((s) => new CloudwatchLogGroup(s, "logs", { name: "/aws/lambda/fn", ...(retentionInDays !== undefined && { retentionInDays }) }));

describe("log-group-retention", () => {
  it("passes a log group with a retention", () => {
    expect(group(30)).toEqual([]);
  });

  it("fails a log group that keeps its logs for ever, by omission or with 0", () => {
    const line = "[test/logs] [log-group-retention] aws_cloudwatch_log_group.logs: keeps its logs for ever (set retentionInDays, e.g. from log_retention_days in config/app.yaml)";
    expect(group()).toEqual([line]);
    expect(group(0)).toEqual([line]);
  });

  it("passes a retention computed at apply time (a variable), which Terraform's own validation checks", () => {
    expect(synthErrors((s) => new CloudwatchLogGroup(s, "logs", { name: "/aws/lambda/fn", retentionInDays: new TerraformVariable(s, "days", { type: "number" }).numberValue }))).toEqual([]);
  });
});
