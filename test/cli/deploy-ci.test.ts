/**
 * `deploy:ci` against a real temporary git repository: develop, main, a tag
 * on a commit that never reached main (refused) and one on main (accepted).
 * --dry-run deploys nothing; terraform is never run.
 */
import { execFileSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { refFromCi } from "../../cli/commands/deploy-ci.ts";
import { spawnRunner, type CommandRunner } from "../../engine/runner.ts";
import { stackEntries } from "../../stacks/registry.ts";
import { tempRepo, type TempRepo } from "../helpers/example-config.ts";
import { session } from "./harness.ts";

let repo: TempRepo;
let onMain: string;
let onDevelopOnly: string;
/** Every command the command ran: git only, never terraform. */
let calls: string[];
const recording: CommandRunner = (command, args, options) => {
  calls.push([command, ...args].join(" "));
  return spawnRunner(command, args, options);
};

function git(...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", ...args], {
    cwd: repo.root,
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: repo.root, GIT_CONFIG_NOSYSTEM: "1" },
  }).trim();
}

beforeEach(() => {
  repo = tempRepo();
  calls = [];
  git("init", "-q", "-b", "main");
  git("add", "config");
  git("commit", "-q", "-m", "config");
  git("tag", "v1.0.0");
  onMain = git("rev-parse", "HEAD");
  git("checkout", "-q", "-b", "develop");
  git("commit", "-q", "--allow-empty", "-m", "work in progress");
  git("tag", "v1.1.0-rc");
  onDevelopOnly = git("rev-parse", "HEAD");
});
afterEach(() => repo.cleanup());

// The app stacks come from stacks/registry.ts; an environment without one ends in this error instead of the deploy.
const deployLine = (env: string, account: string) =>
  stackEntries(repo.load()).some((e) => e.id === `app-${env}`)
    ? {
        out: [`would deploy stack app-${env} into account ${account} (not created yet): synthesize, plan, destroy guard, apply exactly the saved plan`, "dry run: nothing was deployed"],
        code: 0,
        err: [],
      }
    : { out: [], code: 1, err: [`error: environment ${env} has no app stack in this repository (there is no stack app-${env} in stacks/registry.ts)`] };

describe("deploy:ci --dry-run", () => {
  it("refuses a PROD tag on a commit that is not on main, the STAGE branch", async () => {
    const s = session(repo, { run: recording });
    expect(await s.cli("deploy:ci", "--ref", "refs/tags/v1.1.0-rc", "--dry-run")).toBe(1);
    expect(s.err).toEqual([
      `error: refusing to deploy prod: the tagged commit ${onDevelopOnly.slice(0, 12)} of refs/tags/v1.1.0-rc is not on main (refs/heads/main), the branch of stage; ` +
        "only a commit that went through stage reaches prod (merge it into main, let stage deploy it, then tag that commit)",
    ]);
    expect(calls.filter((c) => c.startsWith("terraform"))).toEqual([]);
  });

  it("accepts a PROD tag on a commit of main and says what it would deploy and why, deploying nothing", async () => {
    const s = session(repo, { run: recording });
    const code = await s.cli("deploy:ci", "--ref", "refs/tags/v1.0.0", "--dry-run");
    const then = deployLine("prod", "prod");
    expect(s.out).toEqual([
      "ref refs/tags/v1.0.0 (from --ref)",
      "environment prod: refs/tags/v1.0.0 matches the tag pattern v* of prod",
      `commit ${onMain.slice(0, 12)} is on main (refs/heads/main), the branch of stage`,
      ...then.out,
    ]);
    expect(s.err).toEqual(then.err);
    expect(code).toBe(then.code);
    // The local clone has no origin/main, so the local branch is what the commit is checked against.
    expect(calls).toEqual([
      "git rev-parse --verify --quiet refs/tags/v1.0.0^{commit}",
      "git rev-parse --verify --quiet refs/remotes/origin/main",
      "git rev-parse --verify --quiet refs/heads/main",
      `git merge-base --is-ancestor ${onMain} refs/heads/main`,
    ]);
  });

  it("prefers the remote's branch, as a CI clone has it: a commit on the local main only is refused", async () => {
    git("update-ref", "refs/remotes/origin/main", onMain);
    git("checkout", "-q", "main");
    git("commit", "-q", "--allow-empty", "-m", "not pushed");
    git("tag", "v2.0.0");
    const s = session(repo, { run: recording });
    expect(await s.cli("deploy:ci", "--ref", "refs/tags/v2.0.0", "--dry-run")).toBe(1);
    expect(s.err.join("\n")).toContain("is not on main (refs/remotes/origin/main), the branch of stage");
  });

  it("a tag that is not in the clone is named, with how to fetch it", async () => {
    const s = session(repo, { run: recording });
    expect(await s.cli("deploy:ci", "--ref", "refs/tags/v9.9.9", "--dry-run")).toBe(1);
    expect(s.err).toEqual(["error: refs/tags/v9.9.9 is not in this clone (fetch the tag: git fetch origin tag v9.9.9)"]);
  });

  it.each([
    ["refs/heads/develop", "dev", "environment dev: refs/heads/develop is the branch of dev"],
    ["refs/heads/main", "stage", "environment stage: refs/heads/main is the branch of stage"],
  ])("%s deploys its environment with no ancestry check", async (ref, env, line) => {
    const s = session(repo, { run: recording });
    const code = await s.cli("deploy:ci", "--ref", ref, "--dry-run");
    const then = deployLine(env, env);
    expect(s.out).toEqual([`ref ${ref} (from --ref)`, line, ...then.out]);
    expect(code).toBe(then.code);
    expect(calls).toEqual([]);
  });

  it.each(["refs/heads/feature/login", "refs/heads/main2", "refs/tags/release-1", "refs/pull/7/merge"])("%s: nothing to deploy, exit 0, no git or terraform", async (ref) => {
    const s = session(repo, { run: recording });
    expect(await s.cli("deploy:ci", "--ref", ref)).toBe(0);
    expect(s.out.at(-1)).toBe(`nothing to deploy: ${ref} deploys no environment (refs/heads/develop -> dev, refs/heads/main -> stage, refs/tags/v* -> prod)`);
    expect(calls).toEqual([]);
  });

  it.each(["org", "dns", "corp", "tools"])("refuses the shared stack %s from refs/heads/develop (and a tag), before any git or terraform", async (stack) => {
    for (const ref of ["refs/heads/develop", "refs/tags/v1.0.0"]) {
      const s = session(repo, { run: recording });
      expect(await s.cli("deploy:ci", "--ref", ref, "--stack", stack)).toBe(1);
      expect(s.err.at(-1)).toBe(
        `error: refusing to deploy ${stack} from ${ref}: the shared stacks (org, dns, corp, tools) deploy only from refs/heads/main; on any other ref they are only planned (npm run preview)`,
      );
    }
    expect(calls).toEqual([]);
  });

  it("deploys a shared stack from refs/heads/main, and refuses --stack for an app stack", async () => {
    const s = session(repo, { run: recording });
    expect(await s.cli("deploy:ci", "--ref", "refs/heads/main", "--stack", "dns", "--dry-run")).toBe(0);
    expect(s.out).toEqual([
      "ref refs/heads/main (from --ref)",
      "would deploy shared stack dns into account dns (not created yet) from refs/heads/main: synthesize, plan, destroy guard, apply exactly the saved plan",
      "dry run: nothing was deployed",
    ]);
    const app = session(repo, { run: recording });
    expect(await app.cli("deploy:ci", "--ref", "refs/heads/main", "--stack", "app-stage")).toBe(2);
    expect(app.err.at(-1)).toBe("error: --stack app-stage: app-stage is an app stack; deploy:ci deploys it from its environment's ref, without --stack");
    expect(calls).toEqual([]);
  });

  it("--as runner (what the pipelines pass): the app stack goes in through its environment's deploy role", async () => {
    const s = session(repo, { run: recording });
    const code = await s.cli("deploy:ci", "--as", "runner", "--ref", "refs/heads/develop", "--dry-run");
    expect(code).toBe(0);
    expect(s.out.at(-2)).toBe("would deploy stack app-dev into account dev (not created yet) through role deploy-dev: synthesize, plan, destroy guard, apply exactly the saved plan");
    expect(calls).toEqual([]);
  });

  it("--as runner with --stack, or an unknown --as: a usage error (exit 2) before anything runs", async () => {
    const shared = session(repo, { run: recording });
    expect(await shared.cli("deploy:ci", "--as", "runner", "--ref", "refs/heads/main", "--stack", "org", "--dry-run")).toBe(2);
    expect(shared.err.at(-1)).toBe("error: --stack org with --as runner: a shared stack deploys with the management account's credentials, never as a Tools-account runner (drop --as runner)");
    const unknown = session(repo, { run: recording });
    expect(await unknown.cli("deploy:ci", "--as", "admin", "--ref", "refs/heads/develop", "--dry-run")).toBe(2);
    expect(unknown.err.at(-1)).toBe("error: --as admin: give operator (management account credentials, the default) or runner (the environment's Tools-account runner role, as in the pipelines)");
    expect(calls).toEqual([]);
  });

  it("reads the ref from the CI environment when --ref is not given", async () => {
    const s = session(repo, { run: recording, env: { PATH: process.env.PATH, HOME: repo.root, CODEBUILD_WEBHOOK_TRIGGER: "branch/feature/x" } });
    expect(await s.cli("deploy:ci")).toBe(0);
    expect(s.out).toEqual(["ref refs/heads/feature/x (from CODEBUILD_WEBHOOK_TRIGGER)", expect.stringContaining("nothing to deploy: refs/heads/feature/x")]);
  });

  it("without a ref anywhere, or with a short one: a usage error (exit 2) saying what to pass", async () => {
    const none = session(repo, { run: recording });
    expect(await none.cli("deploy:ci", "--dry-run")).toBe(2);
    expect(none.err[0]).toContain("no git ref to deploy: pass --ref refs/heads/<branch>");
    const short = session(repo, { run: recording });
    expect(await short.cli("deploy:ci", "--ref", "main")).toBe(2);
    expect(short.err[0]).toBe("error: --ref main: give the full ref (refs/heads/main for a branch, refs/tags/main for a tag)");
  });
});

describe("refFromCi", () => {
  it.each([
    [{ GITHUB_REF: "refs/tags/v1.2.0" }, { ref: "refs/tags/v1.2.0", source: "GITHUB_REF" }],
    [{ CODEBUILD_WEBHOOK_TRIGGER: "branch/develop" }, { ref: "refs/heads/develop", source: "CODEBUILD_WEBHOOK_TRIGGER" }],
    [{ CODEBUILD_WEBHOOK_TRIGGER: "tag/v1.0.0" }, { ref: "refs/tags/v1.0.0", source: "CODEBUILD_WEBHOOK_TRIGGER" }],
    [{ CODEBUILD_WEBHOOK_TRIGGER: "pr/12" }, { ref: "refs/pull/12", source: "CODEBUILD_WEBHOOK_TRIGGER" }],
    [{ CODEBUILD_SOURCE_VERSION: "refs/heads/main" }, { ref: "refs/heads/main", source: "CODEBUILD_SOURCE_VERSION" }],
    // A commit id or a pipeline's artifact names no ref.
    [{ CODEBUILD_SOURCE_VERSION: "0123456789abcdef0123456789abcdef01234567" }, undefined],
    [{ CODEBUILD_SOURCE_VERSION: "arn:aws:s3:::artifacts/source.zip" }, undefined],
    [{}, undefined],
  ])("%o -> %o", (env, expected) => {
    expect(refFromCi(env)).toEqual(expected);
  });
});
