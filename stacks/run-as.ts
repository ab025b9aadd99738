/**
 * Whose credentials run Terraform, as data the stacks are built from.
 *
 * - operator (the default): a person or job with the management account's
 *   credentials. Every stack enters its account through that account's admin
 *   role, and reaches the state through state.role_arn when config sets one.
 * - deploy-runner / drift-runner: a Tools-account runner role (tools/), as in
 *   the pipelines and the generated workflow (`--as runner`). The admin roles
 *   trust only the management account, so an app stack enters its
 *   environment's account through the role that runner may assume instead:
 *   the environment's deploy role, or its read-only drift role. The state is
 *   reached directly, through the state bucket's grant to that runner
 *   (stacks/state-access.ts). Only app stacks run this way; the shared
 *   stacks need the management account.
 */
import type { StateConfig } from "../config/model.ts";
import { deployRoleName, driftRoleName } from "../naming/names.ts";

export type RunAs = "operator" | "deploy-runner" | "drift-runner";

/** How a runner enters the account of the stack it runs. */
export interface RunnerEntry {
  readonly roleName: string;
}

/** The role an app stack of `environment` is entered through; undefined for an operator (the account's admin role). */
export function runnerEntry(runAs: RunAs, environment: string): RunnerEntry | undefined {
  switch (runAs) {
    case "operator":
      return undefined;
    case "deploy-runner":
      return { roleName: deployRoleName(environment) };
    case "drift-runner":
      return { roleName: driftRoleName(environment) };
  }
}

/** The state config with its role left out: a runner's access is the bucket's grant, not the operators' state role. */
export function stateWithoutRole(state: StateConfig): StateConfig {
  const { roleArn: _unused, ...rest } = state;
  return rest;
}
