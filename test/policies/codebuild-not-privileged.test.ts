import { describe, expect, it } from "vitest";
import { buildProject } from "./codebuild.fixture.ts";
import { synthErrors } from "./helpers.ts";

describe("codebuild-not-privileged", () => {
  it("passes an unprivileged project", () => {
    expect(synthErrors((s) => buildProject(s, "build", false))).toEqual([]);
  });

  it("fails a privileged project", () => {
    expect(synthErrors((s) => buildProject(s, "build", true))).toEqual([
      "[test/build] [codebuild-not-privileged] aws_codebuild_project.build: runs its builds in privileged mode, which gives the build root on its host (turn privilegedMode off; if it must build container images, exempt it with exemptFromRule and say why)",
    ]);
  });
});
