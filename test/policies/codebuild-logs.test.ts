import { describe, expect, it } from "vitest";
import { buildProject } from "./codebuild.fixture.ts";
import { synthErrors } from "./helpers.ts";

const MESSAGE = (cloudwatch: string, s3: string) =>
  `[test/build] [codebuild-logs] aws_codebuild_project.build: keeps no build logs of its own (cloudwatch_logs ${cloudwatch}, s3_logs ${s3}): what a deploy did could not be read afterwards (set logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName } } with a log group that has a retention)`;

describe("codebuild-logs", () => {
  it("passes a project whose logs go to CloudWatch, or to S3", () => {
    expect(synthErrors((s) => buildProject(s, "build", false))).toEqual([]);
    expect(synthErrors((s) => buildProject(s, "build", false, { cloudwatchLogs: { status: "DISABLED" }, s3Logs: { status: "ENABLED", location: "logs-bucket/build" } }))).toEqual([]);
  });

  it("fails a project with its logs turned off", () => {
    expect(synthErrors((s) => buildProject(s, "build", false, { cloudwatchLogs: { status: "DISABLED" } }))).toEqual([MESSAGE("DISABLED", "not set")]);
  });

  it("fails a project that leaves its logs to a default", () => {
    expect(synthErrors((s) => buildProject(s, "build", false, null))).toEqual([MESSAGE("not set", "not set")]);
  });
});
