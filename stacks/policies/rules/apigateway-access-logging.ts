import { block, type PolicyRule } from "../engine/rule.ts";

/** Every request through an HTTP or WebSocket API leaves an access log line. */
export const apigatewayAccessLogging: PolicyRule = {
  id: "apigateway-access-logging",
  description: "API Gateway v2 stages write access logs (access_log_settings with a destination log group and a format).",
  resourceTypes: ["aws_apigatewayv2_stage"],
  check(stage) {
    const settings = block(stage.config.access_log_settings);
    if (typeof settings.destination_arn === "string" && typeof settings.format === "string" && settings.format !== "") return undefined;
    return "writes no access logs (set accessLogSettings: { destinationArn: <a log group with a retention>.arn, format: <JSON of $context variables> })";
  },
};
