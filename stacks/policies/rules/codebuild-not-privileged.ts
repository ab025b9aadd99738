import { block, isTrue, type PolicyRule } from "../engine/rule.ts";

/** CodeBuild projects do not run privileged containers. */
export const codebuildNotPrivileged: PolicyRule = {
  id: "codebuild-not-privileged",
  description: "CodeBuild projects do not run in privileged mode (root on the build host for whatever the build runs).",
  resourceTypes: ["aws_codebuild_project"],
  check(project) {
    if (!isTrue(block(project.config.environment).privileged_mode)) return undefined;
    return "runs its builds in privileged mode, which gives the build root on its host (turn privilegedMode off; if it must build container images, exempt it with exemptFromRule and say why)";
  },
};
