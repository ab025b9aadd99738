import { type PolicyRule } from "../engine/rule.ts";

/** Logs do not pile up (and cost) for ever. */
export const logGroupRetention: PolicyRule = {
  id: "log-group-retention",
  description: "CloudWatch log groups have a retention set (retention_in_days other than 0, which keeps logs for ever).",
  resourceTypes: ["aws_cloudwatch_log_group"],
  check(group) {
    const days = group.config.retention_in_days;
    if (typeof days === "number" && days > 0) return undefined;
    if (typeof days === "string" && days.includes("${")) return undefined;
    return "keeps its logs for ever (set retentionInDays, e.g. from log_retention_days in config/app.yaml)";
  },
};
