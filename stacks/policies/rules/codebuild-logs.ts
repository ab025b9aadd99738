import { block, type PolicyRule } from "../engine/rule.ts";

/** CodeBuild projects keep their build logs. */
export const codebuildLogs: PolicyRule = {
  id: "codebuild-logs",
  description: 'CodeBuild projects send their build logs to CloudWatch Logs or S3: logs_config with cloudwatch_logs or s3_logs status "ENABLED", and neither left to a default.',
  resourceTypes: ["aws_codebuild_project"],
  check(project) {
    const logs = block(project.config.logs_config);
    const cloudwatch = block(logs.cloudwatch_logs).status;
    const s3 = block(logs.s3_logs).status;
    if (cloudwatch === "ENABLED" || s3 === "ENABLED") return undefined;
    return `keeps no build logs of its own (cloudwatch_logs ${String(cloudwatch ?? "not set")}, s3_logs ${String(s3 ?? "not set")}): what a deploy did could not be read afterwards (set logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName } } with a log group that has a retention)`;
  },
};
