/** A CodeBuild project, privileged or not, with its logs on unless told otherwise (null: logs_config left out). */
import { CodebuildProject, type CodebuildProjectLogsConfig } from "@cdktf/provider-aws/lib/codebuild-project";
import type { Construct } from "constructs";

const LOGS_ON: CodebuildProjectLogsConfig = { cloudwatchLogs: { status: "ENABLED", groupName: "/aws/codebuild/build" } };

export function buildProject(scope: Construct, id: string, privilegedMode: boolean, logsConfig: CodebuildProjectLogsConfig | null = LOGS_ON): CodebuildProject {
  return new CodebuildProject(scope, id, {
    name: id,
    serviceRole: "arn:aws:iam::111111111111:role/codebuild",
    artifacts: { type: "NO_ARTIFACTS" },
    source: { type: "NO_SOURCE", buildspec: "version: 0.2\nphases:\n  build:\n    commands: [npm test]\n" },
    environment: { computeType: "BUILD_GENERAL1_SMALL", image: "aws/codebuild/amazonlinux2-x86_64-standard:5.0", type: "LINUX_CONTAINER", privilegedMode },
    ...(logsConfig && { logsConfig }),
  });
}
