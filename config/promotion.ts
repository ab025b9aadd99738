/**
 * Git-driven promotion, in one place: which git ref deploys which
 * environment. The deploy command (`npm run deploy:ci`), the pipelines'
 * triggers, the deploy roles' trust conditions, the generated workflow and
 * the README's promotion table are all derived from these functions, so they
 * cannot disagree. Pure: no files, no git, no environment variables.
 */
import type { EnvironmentConfig, GitTrigger } from "./model.ts";
import { globMatches } from "./validate.ts";

export const BRANCH_PREFIX = "refs/heads/";
export const TAG_PREFIX = "refs/tags/";

/** The environment a ref deploys, and why (for the command's output). */
export interface Promotion {
  readonly environment: EnvironmentConfig;
  /** "refs/heads/develop is the branch of dev", "refs/tags/v1.2 matches the tag pattern v* of prod". */
  readonly reason: string;
}

/**
 * The environment a full git ref (`refs/heads/<branch>`, `refs/tags/<tag>`)
 * deploys, or undefined when it deploys none (feature branches, pull
 * requests, tags no pattern matches). Branches match exactly; tag patterns
 * as globs (`*` any run of characters, `?` one), the whole tag name.
 */
export function environmentForRef(environments: readonly EnvironmentConfig[], ref: string): Promotion | undefined {
  for (const environment of environments) {
    const { trigger } = environment;
    if (trigger.kind === "branch" && ref === `${BRANCH_PREFIX}${trigger.name}`) {
      return { environment, reason: `${ref} is the branch of ${environment.name}` };
    }
    if (trigger.kind === "tag" && ref.startsWith(TAG_PREFIX) && globMatches(trigger.pattern, ref.slice(TAG_PREFIX.length))) {
      return { environment, reason: `${ref} matches the tag pattern ${trigger.pattern} of ${environment.name}` };
    }
  }
  return undefined;
}

/** The refs that deploy an environment, as a full-ref pattern: `refs/heads/develop`, `refs/tags/v*`. */
export function refPattern(trigger: GitTrigger): string {
  return trigger.kind === "branch" ? `${BRANCH_PREFIX}${trigger.name}` : `${TAG_PREFIX}${trigger.pattern}`;
}

/** A tag-deployed environment and the branch its commits must already be on. */
export interface PromotionGate {
  /** The branch-deployed environment the commits come from (stage for prod). */
  readonly from: EnvironmentConfig;
  readonly branch: string;
}

/**
 * Where a tag-deployed environment takes its commits from: the nearest
 * branch-deployed environment listed before it (environments are listed in
 * promotion order: dev, stage, prod). A tag deploys only a commit that is
 * already on that branch, so the exact commit that went through STAGE
 * reaches PROD. Undefined for branch-deployed environments and for a tag
 * environment listed before any branch (nothing to check against).
 */
export function promotionGate(environments: readonly EnvironmentConfig[], environment: EnvironmentConfig): PromotionGate | undefined {
  if (environment.trigger.kind !== "tag") return undefined;
  const before = environments.slice(
    0,
    environments.findIndex((e) => e.name === environment.name),
  );
  for (const from of before.reverse()) {
    if (from.trigger.kind === "branch") return { from, branch: from.trigger.name };
  }
  return undefined;
}

/** One row of the promotion table: the refs that deploy an environment, and what else must hold. */
export interface PromotionRow {
  readonly ref: string;
  readonly environment: string;
  readonly account: string;
  readonly protected: boolean;
  /** For tag-deployed environments: the branch the tagged commit must already be on. */
  readonly requiresOnBranch?: string;
}

export function promotionRows(environments: readonly EnvironmentConfig[]): PromotionRow[] {
  return environments.map((e) => {
    const gate = promotionGate(environments, e);
    return { ref: refPattern(e.trigger), environment: e.name, account: e.account, protected: e.protected, ...(gate && { requiresOnBranch: gate.branch }) };
  });
}

/**
 * "With the exception of the app accounts, all the configurations are
 * deployed from my main Git branch": the shared stacks (org, dns, corp,
 * tools) deploy from this branch only; on any other ref they are only
 * planned.
 */
export const SHARED_STACKS_BRANCH = "main";
