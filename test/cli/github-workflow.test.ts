/**
 * The GitHub Actions workflow `npm run docs` writes for runner: github-actions:
 * each deploy job only on its environment's ref and as the runner role the
 * tools stack trusts for that ref, the preview on pull requests without AWS
 * credentials, the drift check on config's schedule, approval through a
 * GitHub environment; and docs --check fails on a stale or missing copy.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { githubWorkflow, WORKFLOW_FILE } from "../../cli/docs/github-workflow.ts";
import { configWith, copyReadmes, tempRepo, type TempRepo } from "../helpers/example-config.ts";
import { resourcesOfType, synthJson, testApp } from "../helpers/synth.ts";
import { ToolsStack } from "../../tools/tools-stack.ts";
import { session } from "./harness.ts";

type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
type Job = { if: string; environment?: string; permissions?: Record<string, string>; steps: Step[] };
type Workflow = { on: { push: { branches: string[]; tags: string[] }; pull_request: object; schedule: { cron: string }[] }; jobs: Record<string, Job> };

const toGithub = (r: TempRepo) => {
  r.edit("tools.yaml", "runner: codepipeline", "runner: github-actions");
  r.edit("tools.yaml", 'drift_schedule: "0 6 * * *"', 'drift_schedule: "30 5 * * MON-FRI"');
  r.edit("accounts/tools.yaml", "ou: core\n", 'ou: core\naccount_id: "333333333333"\n');
};
const config = configWith(toGithub);
const workflow = parse(githubWorkflow(config)!) as Workflow;
const role = (job: Job) => job.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials"))?.with?.["role-to-assume"];
const runs = (job: Job) => job.steps.flatMap((s) => (s.run ? [s.run] : []));

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

describe("the generated GitHub Actions workflow", () => {
  it("is plain YAML: no anchors or aliases, which not every reader of workflows takes", () => {
    expect(githubWorkflow(config)).not.toMatch(/^\s*(- )?[&*]a\d/m);
  });

  it("is not generated for the CodePipeline runner", () => {
    expect(githubWorkflow(configWith(() => undefined))).toBeUndefined();
  });

  it("runs on the environments' refs, pull requests and config's drift schedule", () => {
    expect(workflow.on.push).toEqual({ branches: ["develop", "main"], tags: ["v*"] });
    expect(workflow.on.pull_request).toEqual({});
    expect(workflow.on.schedule).toEqual([{ cron: "30 5 * * MON-FRI" }]);
  });

  it("deploys each environment only on its ref, as its runner role in the Tools account, with deploy:ci", () => {
    const deploys = Object.entries(workflow.jobs).filter(([name]) => name.startsWith("deploy-"));
    expect(deploys.map(([name, job]) => [name, job.if, role(job)])).toEqual([
      ["deploy-dev", "github.event_name == 'push' && github.ref == 'refs/heads/develop'", "arn:aws:iam::333333333333:role/tools-deploy-dev"],
      ["deploy-stage", "github.event_name == 'push' && github.ref == 'refs/heads/main'", "arn:aws:iam::333333333333:role/tools-deploy-stage"],
      ["deploy-prod", "github.event_name == 'push' && startsWith(github.ref, 'refs/tags/v')", "arn:aws:iam::333333333333:role/tools-deploy-prod"],
    ]);
    for (const [, job] of deploys) {
      expect(runs(job)).toEqual(["npm ci", "npm run deploy:ci -- --as runner"]);
      expect(job.permissions).toEqual({ "id-token": "write", contents: "read" });
    }
    // approval_before: [prod]: a GitHub environment, whose required reviewers gate the job.
    expect(deploys.map(([, job]) => job.environment)).toEqual([undefined, undefined, "prod"]);
  });

  it("previews pull requests offline with no AWS credentials, and checks drift on the schedule as the drift role", () => {
    expect(workflow.jobs.preview!.if).toBe("github.event_name == 'pull_request'");
    expect(role(workflow.jobs.preview!)).toBeUndefined();
    expect(runs(workflow.jobs.preview!)).toEqual(["npm ci", "npm run preview -- --affected"]);
    expect(workflow.jobs.drift!.if).toBe("github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'");
    expect(role(workflow.jobs.drift!)).toBe("arn:aws:iam::333333333333:role/tools-drift");
    expect(runs(workflow.jobs.drift!)).toEqual(["npm ci", "npm run drift -- --as runner"]);
  });

  it("names only roles the tools stack creates, each trusting exactly the ref its job runs on", () => {
    const { app, cleanup } = testApp();
    try {
      const roles = Object.values(resourcesOfType(synthJson(new ToolsStack(app, { config })), "aws_iam_role") as Record<string, { name: string; assume_role_policy: string }>);
      const trust = (name: string) => {
        const r = roles.find((x) => x.name === name);
        expect(r, name).toBeDefined();
        return JSON.stringify(JSON.parse(r!.assume_role_policy).Statement[0].Condition);
      };
      expect(trust("tools-deploy-dev")).toContain('"token.actions.githubusercontent.com:sub":"repo:acme/platform:ref:refs/heads/develop"');
      expect(trust("tools-deploy-prod")).toContain('"token.actions.githubusercontent.com:sub":"repo:acme/platform:ref:refs/tags/v*"');
      expect(trust("tools-drift")).toContain('"token.actions.githubusercontent.com:sub":"repo:acme/platform:ref:refs/heads/main"');
    } finally {
      cleanup();
    }
  });

  it("is written by npm run docs, and docs --check fails on a missing or stale copy", async () => {
    repo = tempRepo();
    copyReadmes(repo);
    toGithub(repo);
    const missing = session(repo);
    expect(await missing.cli("docs", "--check")).toBe(1);
    // tools/README.md too: its facts now show the Tools account's id.
    expect(missing.err).toEqual([`error: tools/README.md, ${WORKFLOW_FILE}: not what config/ generates (run npm run docs and commit the result)`]);
    expect(existsSync(join(repo.root, WORKFLOW_FILE))).toBe(false);

    expect(await session(repo).cli("docs")).toBe(0);
    const path = join(repo.root, WORKFLOW_FILE);
    expect(readFileSync(path, "utf8")).toBe(githubWorkflow(repo.load()));
    expect(await session(repo).cli("docs", "--check")).toBe(0);

    writeFileSync(path, readFileSync(path, "utf8").replace("npm run drift", "echo skipped"));
    expect(await session(repo).cli("docs", "--check")).toBe(1);

    // Back to CodePipeline: the workflow would still deploy from GitHub, so docs removes it.
    repo.edit("tools.yaml", "runner: github-actions", "runner: codepipeline");
    expect(await session(repo).cli("docs")).toBe(0);
    expect(existsSync(path)).toBe(false);
  });
});
