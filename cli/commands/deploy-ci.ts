/**
 * `deploy:ci`: what the pipelines and the generated workflow run. Finds the
 * git ref (--ref, or the CI system's variables), maps it to an environment
 * with the one promotion function (config/promotion.ts), and deploys that
 * environment's app stack through the same guarded path as `deploy` (plan,
 * destroy guard, apply exactly the saved plan). A tag-deployed environment
 * (PROD) is deployed only when the tagged commit is already on the branch of
 * the environment before it (STAGE), so the commit that went through STAGE
 * is the one that reaches PROD. Git is asked through the workspace's runner.
 */
import type { EnvironmentConfig } from "../../config/model.ts";
import { BRANCH_PREFIX, environmentForRef, promotionGate, refPattern, SHARED_STACKS_BRANCH, TAG_PREFIX, type Promotion } from "../../config/promotion.ts";
import type { CheckPlan } from "../../engine/apply.ts";
import type { RunResult } from "../../engine/runner.ts";
import { appStackId } from "../../naming/names.ts";
import { appStackOf, stackEntries, type StackEntry } from "../../stacks/registry.ts";
import { loadCurrent } from "../config-files.ts";
import { CliError, UsageError, type Io, type Workspace } from "../io.ts";
import { findAffected } from "./affected.ts";
import type { RunAs } from "../../stacks/run-as.ts";
import { runDeploy, runnerEntryOf } from "./deploy.ts";

export interface DeployCiOptions {
  /** A full git ref (refs/heads/develop, refs/tags/v1.2.0); default: from the CI environment. */
  readonly ref?: string;
  /** Say what would be deployed and why; deploy nothing. */
  readonly dryRun?: boolean;
  /** A shared stack (org, dns, corp, tools) to deploy; only from the main branch. */
  readonly stack?: string;
  /**
   * A git revision: deploy only when the stack's synthesized Terraform
   * differs from what that revision synthesizes (the `affected` comparison).
   * Give the commit last deployed successfully; nothing here guesses it.
   */
  readonly since?: string;
  readonly allowDestroy?: readonly string[];
  readonly checkPlan?: CheckPlan;
  /**
   * runner: the credentials are the environment's Tools-account runner role
   * (the pipelines and the generated workflow pass it): the app stack enters
   * its account through the deploy role and reaches its state through the
   * bucket's grant (stacks/run-as.ts). Default operator.
   */
  readonly as?: string;
}

/** A ref and where it was found. */
export interface FoundRef {
  readonly ref: string;
  readonly source: string;
}

/**
 * The ref a CI run builds, from its environment variables: GitHub Actions'
 * GITHUB_REF; CodeBuild's CODEBUILD_WEBHOOK_TRIGGER (branch/<name>,
 * tag/<name>, pr/<number>) or a CODEBUILD_SOURCE_VERSION that is a full ref.
 * Undefined when none says (a CodeBuild source version that is a commit id
 * or an artifact names no ref).
 */
export function refFromCi(env: Readonly<Record<string, string | undefined>>): FoundRef | undefined {
  if (env.GITHUB_REF) return { ref: env.GITHUB_REF, source: "GITHUB_REF" };
  const trigger = env.CODEBUILD_WEBHOOK_TRIGGER;
  if (trigger) {
    const [kind, ...rest] = trigger.split("/");
    const name = rest.join("/");
    if (kind === "branch") return { ref: `${BRANCH_PREFIX}${name}`, source: "CODEBUILD_WEBHOOK_TRIGGER" };
    if (kind === "tag") return { ref: `${TAG_PREFIX}${name}`, source: "CODEBUILD_WEBHOOK_TRIGGER" };
    if (kind === "pr") return { ref: `refs/pull/${name}`, source: "CODEBUILD_WEBHOOK_TRIGGER" };
  }
  const version = env.CODEBUILD_SOURCE_VERSION;
  if (version?.startsWith("refs/")) return { ref: version, source: "CODEBUILD_SOURCE_VERSION" };
  return undefined;
}

export async function runDeployCi(ws: Workspace, io: Io, options: DeployCiOptions): Promise<void> {
  const found: FoundRef | undefined = options.ref !== undefined ? { ref: options.ref, source: "--ref" } : refFromCi(ws.env);
  if (found === undefined) {
    throw new UsageError(
      "no git ref to deploy: pass --ref refs/heads/<branch> or --ref refs/tags/<tag>, or run it in CodeBuild (CODEBUILD_WEBHOOK_TRIGGER, CODEBUILD_SOURCE_VERSION) or GitHub Actions (GITHUB_REF)",
    );
  }
  if (!found.ref.startsWith("refs/")) {
    throw new UsageError(`--ref ${found.ref}: give the full ref (refs/heads/${found.ref} for a branch, refs/tags/${found.ref} for a tag)`);
  }
  const runAs = deployRunAs(options.as);
  if (options.stack !== undefined && runAs !== "operator") {
    throw new UsageError(`--stack ${options.stack} with --as runner: a shared stack deploys with the management account's credentials, never as a Tools-account runner (drop --as runner)`);
  }
  const config = loadCurrent(ws);
  io.out(`ref ${found.ref} (from ${found.source})`);
  if (options.stack !== undefined) return deploySharedStack(ws, io, sharedStack(stackEntries(config), options.stack), found.ref, options);
  const promotion = environmentForRef(config.environments, found.ref);
  if (promotion === undefined) {
    const refs = config.environments.map((e) => `${refPattern(e.trigger)} -> ${e.name}`);
    io.out(`nothing to deploy: ${found.ref} deploys no environment (${refs.join(", ")})`);
    return;
  }
  const { environment } = promotion;
  io.out(`environment ${environment.name}: ${promotion.reason}`);
  await checkPromotion(ws, io, config.environments, promotion, found.ref);
  const entry = appStackOf(config, environment.name);
  if (entry === undefined) throw new CliError(`environment ${environment.name} has no app stack in this repository (there is no stack ${appStackId(environment.name)} in stacks/registry.ts)`);
  const runner = runnerEntryOf(config, entry, runAs);
  const account = `${entry.account.name} (${entry.account.accountId ?? "not created yet"})${runner ? ` through role ${runner.roleName}` : ""}`;
  if (await unchangedSince(ws, io, entry.id, options.since)) return;
  if (options.dryRun) {
    io.out(`would deploy stack ${entry.id} into account ${account}: synthesize, plan, destroy guard, apply exactly the saved plan`);
    io.out("dry run: nothing was deployed");
    return;
  }
  io.out(`deploying stack ${entry.id} into account ${account}`);
  await runDeploy(ws, io, {
    stack: entry.id,
    autoApprove: true,
    runAs,
    ...(options.allowDestroy && { allowDestroy: options.allowDestroy }),
    ...(options.checkPlan && { checkPlan: options.checkPlan }),
  });
}

/** --as: operator (the default) or runner. */
function deployRunAs(as: string | undefined): RunAs {
  if (as === undefined || as === "operator") return "operator";
  if (as === "runner") return "deploy-runner";
  throw new UsageError(`--as ${as}: give operator (management account credentials, the default) or runner (the environment's Tools-account runner role, as in the pipelines)`);
}

/** The named stack, when it is a shared one; an app stack deploys from its environment's ref instead. */
function sharedStack(entries: readonly StackEntry[], id: string): StackEntry {
  const entry = entries.find((s) => s.id === id);
  if (entry === undefined) throw new UsageError(`--stack ${id}: there is no stack ${id} (stacks: ${entries.map((s) => s.id).join(", ")})`);
  if (entry.folder === "app") throw new UsageError(`--stack ${id}: ${id} is an app stack; deploy:ci deploys it from its environment's ref, without --stack`);
  return entry;
}

/** org, dns, corp and tools: from the main branch only, through the same guarded deploy. */
async function deploySharedStack(ws: Workspace, io: Io, entry: StackEntry, ref: string, options: DeployCiOptions): Promise<void> {
  const main = `${BRANCH_PREFIX}${SHARED_STACKS_BRANCH}`;
  if (ref !== main) {
    throw new CliError(`refusing to deploy ${entry.id} from ${ref}: the shared stacks (org, dns, corp, tools) deploy only from ${main}; on any other ref they are only planned (npm run preview)`);
  }
  const account = `${entry.account.name} (${entry.account.accountId ?? "not created yet"})`;
  if (await unchangedSince(ws, io, entry.id, options.since)) return;
  if (options.dryRun) {
    io.out(`would deploy shared stack ${entry.id} into account ${account} from ${main}: synthesize, plan, destroy guard, apply exactly the saved plan`);
    io.out("dry run: nothing was deployed");
    return;
  }
  io.out(`deploying shared stack ${entry.id} into account ${account}`);
  await runDeploy(ws, io, {
    stack: entry.id,
    autoApprove: true,
    ...(options.allowDestroy && { allowDestroy: options.allowDestroy }),
    ...(options.checkPlan && { checkPlan: options.checkPlan }),
  });
}

/**
 * With --since: true (and says so) when the stack synthesizes exactly as it
 * did at that revision, so there is nothing to plan. Any difference, the
 * stack's absence at that revision included, means deploy.
 */
async function unchangedSince(ws: Workspace, io: Io, id: string, since: string | undefined): Promise<boolean> {
  if (since === undefined) return false;
  const { affected } = await findAffected(ws, { base: since });
  if (affected.includes(id)) {
    io.out(`stack ${id} differs from ${since}: it is planned and deployed`);
    return false;
  }
  io.out(`nothing to deploy: stack ${id} synthesizes exactly as at ${since} (--since)`);
  return true;
}

/** For a tag-deployed environment: refuses unless the tagged commit is on the branch it is promoted from. */
async function checkPromotion(ws: Workspace, io: Io, environments: readonly EnvironmentConfig[], promotion: Promotion, ref: string): Promise<void> {
  const gate = promotionGate(environments, promotion.environment);
  if (gate === undefined) return;
  const commit = await revParse(ws, `${ref}^{commit}`);
  if (commit === undefined) throw new CliError(`${ref} is not in this clone (fetch the tag: git fetch origin tag ${ref.slice(TAG_PREFIX.length)})`);
  // In CI the clone has the remote's branch; locally the branch itself.
  const candidates = [`refs/remotes/origin/${gate.branch}`, `${BRANCH_PREFIX}${gate.branch}`];
  let branchRef: string | undefined;
  for (const candidate of candidates) {
    if ((await revParse(ws, candidate)) !== undefined) {
      branchRef = candidate;
      break;
    }
  }
  if (branchRef === undefined) {
    throw new CliError(
      `cannot check that ${ref} went through ${gate.from.name}: this clone has neither ${candidates.join(" nor ")} (fetch it: git fetch origin ${gate.branch}; in CI, clone the full history)`,
    );
  }
  const ancestor = await git(ws, ["merge-base", "--is-ancestor", commit, branchRef]);
  if (ancestor.status === 1) {
    throw new CliError(
      `refusing to deploy ${promotion.environment.name}: the tagged commit ${commit.slice(0, 12)} of ${ref} is not on ${gate.branch} (${branchRef}), the branch of ${gate.from.name}; ` +
        `only a commit that went through ${gate.from.name} reaches ${promotion.environment.name} (merge it into ${gate.branch}, let ${gate.from.name} deploy it, then tag that commit)`,
    );
  }
  if (ancestor.status !== 0) throw new CliError(`git merge-base --is-ancestor ${commit} ${branchRef} failed: ${gitProblem(ancestor)}`);
  io.out(`commit ${commit.slice(0, 12)} is on ${gate.branch} (${branchRef}), the branch of ${gate.from.name}`);
}

async function revParse(ws: Workspace, rev: string): Promise<string | undefined> {
  const result = await git(ws, ["rev-parse", "--verify", "--quiet", rev]);
  return result.status === 0 ? result.stdout.trim() : undefined;
}

async function git(ws: Workspace, args: readonly string[]): Promise<RunResult> {
  const result = await ws.run("git", args, { cwd: ws.repoRoot, env: ws.env, timeoutMs: 60_000 });
  if (result.notStarted !== undefined) throw new CliError(`git could not be started (${result.notStarted}): deploy:ci needs git on the PATH and a clone of the repository`, 2);
  return result;
}

function gitProblem(result: RunResult): string {
  return (result.stderr.trim() || result.stdout.trim() || `exit ${result.status}`).split("\n")[0]!;
}
