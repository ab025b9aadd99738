/**
 * The pipelines' git triggers, from the promotion functions: a push to the
 * environment's branch, or a push of a tag matching its pattern; pull
 * requests for the preview. CodePipeline's filters are globs, as the
 * promotion patterns are.
 */
import type { CodepipelineTrigger } from "@cdktf/provider-aws/lib/codepipeline";
import type { GitTrigger } from "../config/model.ts";
import { SOURCE_ACTION } from "./build-pipeline.ts";

export function pipelineTrigger(trigger: GitTrigger): CodepipelineTrigger["gitConfiguration"] {
  return {
    sourceActionName: SOURCE_ACTION,
    push: [trigger.kind === "branch" ? { branches: { includes: [trigger.name] } } : { tags: { includes: [trigger.pattern] } }],
  };
}

/** Every pull request, opened or updated, into any branch. */
export function previewTrigger(): CodepipelineTrigger["gitConfiguration"] {
  return { sourceActionName: SOURCE_ACTION, pullRequest: [{ events: ["OPEN", "UPDATED"], branches: { includes: ["**"] } }] };
}
