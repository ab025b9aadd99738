/**
 * What the Tools account's builds run, as CodeBuild buildspecs: the deploy
 * of one environment (`npm run deploy:ci` with that environment's ref), the
 * pull-request preview and the drift check. The refs come from the promotion
 * functions (config/promotion.ts), so a build deploys exactly what its
 * pipeline's trigger matched. Pure: config in, YAML text out.
 */
import { stringify } from "yaml";
import type { EnvironmentConfig } from "../config/model.ts";
import { promotionGate, refPattern, TAG_PREFIX } from "../config/promotion.ts";

/** The Terraform the builds install (what the repository is tested with). */
export const TERRAFORM_VERSION = "1.11.4";

const INSTALL = [
  `curl -fsSL https://releases.hashicorp.com/terraform/${TERRAFORM_VERSION}/terraform_${TERRAFORM_VERSION}_linux_amd64.zip -o /tmp/terraform.zip`,
  "unzip -o -q /tmp/terraform.zip -d /usr/local/bin",
  "npm ci",
];

function buildspec(commands: readonly string[], extra: Record<string, unknown> = {}): string {
  // lineWidth 0: one command per line, as written (folded lines are hard to read in the console).
  return stringify(
    {
      version: 0.2,
      env: { variables: { CHECKPOINT_DISABLE: "1", NO_COLOR: "1" } },
      phases: { install: { "runtime-versions": { nodejs: 20 }, commands: INSTALL }, build: { commands } },
      ...extra,
    },
    { lineWidth: 0 },
  );
}

/**
 * The ref deploy:ci is given (as the runner: the build's credentials are the
 * environment's runner role, stacks/run-as.ts). A branch environment's ref is fixed. A tag
 * environment's is the tag on the built commit that matches its pattern (a
 * pipeline's source variables name the commit, not the tag); the branch its
 * commits come from is fetched so deploy:ci can check the commit is on it.
 */
export function deployCommands(environments: readonly EnvironmentConfig[], environment: EnvironmentConfig): string[] {
  const { trigger } = environment;
  if (trigger.kind === "branch") return [`npm run deploy:ci -- --as runner --ref ${refPattern(trigger)}`];
  const gate = promotionGate(environments, environment);
  return [
    ...(gate ? [`git fetch --no-tags origin +refs/heads/${gate.branch}:refs/remotes/origin/${gate.branch}`] : []),
    "git fetch --tags origin",
    `npm run deploy:ci -- --as runner --ref "${TAG_PREFIX}$(git describe --tags --exact-match --match '${trigger.pattern}' HEAD)"`,
  ];
}

export function deployBuildspec(environments: readonly EnvironmentConfig[], environment: EnvironmentConfig): string {
  return buildspec(deployCommands(environments, environment));
}

/** The pull-request run: the offline preview of every stack, its per-stack summary kept as the build's artifact; deploys nothing. */
export function previewBuildspec(): string {
  return buildspec(["npm run preview 2>&1 | tee preview-summary.txt"], { artifacts: { files: ["preview-summary.txt"] } });
}

/** The drift run: every deployed stack planned against its state; fails naming what changed. */
export function driftBuildspec(): string {
  return buildspec(["npm run drift -- --as runner"]);
}
