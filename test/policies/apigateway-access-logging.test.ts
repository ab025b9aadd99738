import { Apigatewayv2Stage, type Apigatewayv2StageConfig } from "@cdktf/provider-aws/lib/apigatewayv2-stage";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { describe, expect, it } from "vitest";
import { httpApi } from "./apigateway.fixture.ts";
import { synthErrors } from "./helpers.ts";

const stage = (logged: boolean, config: Partial<Apigatewayv2StageConfig> = {}) =>
  synthErrors((s) => {
    const api = httpApi(s);
    const logs = new CloudwatchLogGroup(s, "logs", { name: "/aws/apigateway/api", retentionInDays: 30 });
    new Apigatewayv2Stage(s, "stage", {
      apiId: api.id,
      name: "$default",
      ...(logged && { accessLogSettings: { destinationArn: logs.arn, format: '{"requestId":"$context.requestId"}' } }),
      ...config,
    });
  });

describe("apigateway-access-logging", () => {
  it("passes a stage that writes access logs", () => {
    expect(stage(true)).toEqual([]);
  });

  it("fails a stage without access logs, or without a format", () => {
    const line =
      "[test/stage] [apigateway-access-logging] aws_apigatewayv2_stage.stage: writes no access logs (set accessLogSettings: { destinationArn: <a log group with a retention>.arn, format: <JSON of $context variables> })";
    expect(stage(false)).toEqual([line]);
    expect(stage(false, { accessLogSettings: { destinationArn: "arn:aws:logs:eu-west-1:111111111111:log-group:x", format: "" } })).toEqual([line]);
  });
});
