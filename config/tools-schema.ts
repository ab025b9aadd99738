/**
 * The shape of config/tools.yaml: how git changes reach the environments
 * (tools/, in organization.yaml's tools_account). Which ref deploys which
 * environment is not here: that is organization.yaml's environments, read
 * through config/promotion.ts. Checks that need organization.yaml (known
 * environments, the account) are in validate-tools.ts.
 */
import { z } from "zod";

/** The git hosts a CodeConnections connection can reach (its provider_type). */
export const GIT_HOSTS = ["GitHub", "GitHubEnterpriseServer", "GitLab", "GitLabSelfManaged", "Bitbucket"] as const;

export const RUNNERS = ["codepipeline", "github-actions"] as const;

/** Weekday names both cron dialects agree on (GitHub numbers Sunday 0, EventBridge 1). */
const WEEKDAY = "(MON|TUE|WED|THU|FRI|SAT|SUN)";
const NUMBERS = "(\\d{1,2}(-\\d{1,2})?(/\\d{1,2})?|\\*/\\d{1,2})(,(\\d{1,2}(-\\d{1,2})?(/\\d{1,2})?))*";
const CRON_FIELD = new RegExp(`^(\\*|${NUMBERS})$`);
const CRON_WEEKDAY = new RegExp(`^(\\*|${WEEKDAY}(-${WEEKDAY})?(,${WEEKDAY}(-${WEEKDAY})?)*)$`);

/** Why a five-field cron expression (minute hour day-of-month month weekday, UTC) will not do; undefined when it will. */
export function cronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return `is not five cron fields (give minute hour day-of-month month weekday, in UTC, e.g. "0 6 * * *" for 06:00 every day)`;
  const [minute, hour, day, month, weekday] = fields as [string, string, string, string, string];
  for (const [name, value] of [
    ["minute", minute],
    ["hour", hour],
    ["day of month", day],
    ["month", month],
  ] as const) {
    if (!CRON_FIELD.test(value)) return `has ${JSON.stringify(value)} as its ${name}; use *, numbers, ranges (1-5) or steps (*/6)`;
  }
  if (!CRON_WEEKDAY.test(weekday)) return `has ${JSON.stringify(weekday)} as its weekday; use * or day names (MON-FRI, SAT,SUN): GitHub and EventBridge number the days differently`;
  if (day !== "*" && weekday !== "*") return "sets both a day of month and a weekday; EventBridge takes only one of them (set the other to *)";
  return undefined;
}

/** The same schedule as an EventBridge expression (the CodePipeline runner's drift rule). */
export function eventBridgeSchedule(cron: string): string {
  const [minute, hour, day, month, weekday] = cron.trim().split(/\s+/) as [string, string, string, string, string];
  // EventBridge needs ? in whichever of day-of-month and weekday is not given.
  return weekday === "*" ? `cron(${minute} ${hour} ${day} ${month} ? *)` : `cron(${minute} ${hour} ? ${month} ${weekday} *)`;
}

export const toolsFileSchema = z
  .strictObject({
    repository: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, { error: "must be owner/name as the git host shows it (e.g. acme/platform)" })
      .describe("The repository on the git host: owner/name."),
    runner: z
      .enum(RUNNERS)
      .default("codepipeline")
      .describe("codepipeline: CodeConnections, CodePipeline V2 and CodeBuild in the Tools account. github-actions: an OIDC provider and roles, and a generated workflow."),
    git_host: z.enum(GIT_HOSTS).default("GitHub").describe("The git host the CodeConnections connection reaches (codepipeline runner)."),
    approval_before: z.array(z.string()).default([]).describe("Environments whose deploy waits for a person to approve it in the pipeline (e.g. [prod])."),
    drift_schedule: z
      .string()
      .default("0 6 * * *")
      .superRefine((value, ctx) => {
        const problem = cronProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .describe("When the drift run plans every deployed stack against its state: cron, UTC, minute hour day-of-month month weekday (default daily at 06:00)."),
  })
  .describe("The Tools account's pipelines: config/tools.yaml.");

export type ToolsFile = z.output<typeof toolsFileSchema>;
