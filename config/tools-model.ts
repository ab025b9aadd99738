/**
 * The Tools account's part of the organization as the tools stack sees it
 * (tools/): typed, complete, cross-checked. Built by the loader from
 * `tools_account` in organization.yaml and config/tools.yaml.
 */
import type { GIT_HOSTS, RUNNERS } from "./tools-schema.ts";

export interface ToolsConfig {
  /** The member account the tools stack deploys into. */
  readonly account: string;
  /** owner/name on the git host. */
  readonly repository: string;
  readonly runner: (typeof RUNNERS)[number];
  readonly gitHost: (typeof GIT_HOSTS)[number];
  /** Environments whose deploy waits for a manual approval. */
  readonly approvalBefore: readonly string[];
  /** Five-field cron, UTC. */
  readonly driftSchedule: string;
}
