/**
 * The tools stack synthesized from config: pipeline triggers and trust
 * policies must match config (through the promotion functions) exactly.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { OrgConfig } from "../../config/model.ts";
import { refPattern } from "../../config/promotion.ts";
import { TOOLS_STACK_ID } from "../../naming/names.ts";
import { ToolsStack } from "../../tools/tools-stack.ts";
import { configWith, type TempRepo } from "../helpers/example-config.ts";
import { resourcesOfType, synthJson, testApp, type SynthesizedJson } from "../helpers/synth.ts";

type Json = Record<string, any>;
const IDS = { tools: "555555555555", dev: "333333333333", stage: "444444444444", prod: "666666666666" } as const;

/** The example config with account ids, as after accounts sync. */
function withIds(repo: TempRepo): void {
  for (const [name, id] of Object.entries(IDS)) repo.edit(`accounts/${name}.yaml`, `name: ${name}\n`, `name: ${name}\naccount_id: "${id}"\n`);
}

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function synthTools(config: OrgConfig): SynthesizedJson {
  const { app, cleanup } = testApp();
  cleanups.push(cleanup);
  return synthJson(new ToolsStack(app, { config }));
}

const config = configWith(withIds);
const synth = synthTools(config);
const byName = (s: SynthesizedJson, type: string) => Object.fromEntries(Object.values(resourcesOfType(s, type)).map((r) => [r.name as string, r as Json]));
const trustOf = (role: Json) => JSON.parse(role.assume_role_policy as string) as Json;
const providers = (s: SynthesizedJson) => s.json.provider.aws as Json[];

describe("tools stack (runner: codepipeline)", () => {
  const pipelines = byName(synth, "aws_codepipeline");

  it("one V2 pipeline per environment whose git trigger is that environment's ref, exactly; a preview and a drift pipeline", () => {
    expect(Object.keys(pipelines).sort()).toEqual(["acme-deploy-dev", "acme-deploy-prod", "acme-deploy-stage", "acme-drift", "acme-preview"]);
    for (const env of config.environments) {
      const pipeline = pipelines[`acme-deploy-${env.name}`]!;
      expect(pipeline.pipeline_type).toBe("V2");
      const push = env.trigger.kind === "branch" ? { branches: { includes: [env.trigger.name] } } : { tags: { includes: [env.trigger.pattern] } };
      expect(pipeline.trigger).toEqual([{ provider_type: "CodeStarSourceConnection", git_configuration: { source_action_name: "Source", push: [push] } }]);
    }
    // develop -> dev, main -> stage, v* -> prod: the same table the promotion tests hold.
    expect(config.environments.map((e) => refPattern(e.trigger))).toEqual(["refs/heads/develop", "refs/heads/main", "refs/tags/v*"]);
  });

  it("a manual approval before exactly the environments config/tools.yaml names (prod)", () => {
    const stages = (name: string) => (pipelines[name]!.stage as Json[]).map((s) => s.name);
    expect(stages("acme-deploy-dev")).toEqual(["Source", "Run"]);
    expect(stages("acme-deploy-stage")).toEqual(["Source", "Run"]);
    expect(stages("acme-deploy-prod")).toEqual(["Source", "Approve", "Run"]);
    const none = configWith((r) => {
      withIds(r);
      r.edit("tools.yaml", "approval_before: [prod]", "approval_before: []");
    });
    const stagesNone = (byName(synthTools(none), "aws_codepipeline")["acme-deploy-prod"]!.stage as Json[]).map((s) => s.name);
    expect(stagesNone).toEqual(["Source", "Run"]);
  });

  it("each deploy build runs deploy:ci with its environment's ref, logs on, unprivileged, on demand", () => {
    const projects = byName(synth, "aws_codebuild_project");
    const buildspec = (name: string) => projects[name]!.source.buildspec as string;
    expect(buildspec("acme-deploy-dev")).toContain("npm run deploy:ci -- --as runner --ref refs/heads/develop");
    expect(buildspec("acme-deploy-stage")).toContain("npm run deploy:ci -- --as runner --ref refs/heads/main");
    expect(buildspec("acme-deploy-prod")).toContain(`npm run deploy:ci -- --as runner --ref "refs/tags/$(git describe --tags --exact-match --match 'v*' HEAD)"`);
    // The tagged commit is checked against main: the clone must have it.
    expect(buildspec("acme-deploy-prod")).toContain("git fetch --no-tags origin +refs/heads/main:refs/remotes/origin/main");
    for (const project of Object.values(projects)) {
      expect(project.logs_config.cloudwatch_logs).toEqual({ status: "ENABLED", group_name: `/aws/codebuild/${project.name}` });
      expect(project.environment.privileged_mode).toBe(false);
      expect(project.service_role).toMatch(/^arn:aws:iam::555555555555:role\/tools-/);
    }
    expect(buildspec("acme-preview")).toContain("npm run preview");
    expect(buildspec("acme-preview")).not.toContain("deploy");
    expect(buildspec("acme-drift")).toContain("npm run drift -- --as runner");
  });

  it("the preview runs on every pull request; the drift pipeline has no git trigger and starts on the schedule from config", () => {
    expect(pipelines["acme-preview"]!.trigger).toEqual([
      { provider_type: "CodeStarSourceConnection", git_configuration: { source_action_name: "Source", pull_request: [{ events: ["OPEN", "UPDATED"], branches: { includes: ["**"] } }] } },
    ]);
    expect(pipelines["acme-drift"]!.trigger).toBeUndefined();
    expect((pipelines["acme-drift"]!.stage as Json[])[0]!.action[0].configuration.DetectChanges).toBe("false");
    // config/tools.yaml: "0 6 * * *" (daily, 06:00 UTC)
    expect(Object.values(resourcesOfType(synth, "aws_cloudwatch_event_rule")).map((r) => r.schedule_expression)).toEqual(["cron(0 6 * * ? *)"]);
    const weekdays = configWith((r) => {
      withIds(r);
      r.edit("tools.yaml", 'drift_schedule: "0 6 * * *"', 'drift_schedule: "30 2 * * MON-FRI"');
    });
    expect(Object.values(resourcesOfType(synthTools(weekdays), "aws_cloudwatch_event_rule")).map((r) => r.schedule_expression)).toEqual(["cron(30 2 ? * MON-FRI *)"]);
  });

  it("each environment's deploy role lives in that environment's account and trusts exactly the Tools account's runner role for it", () => {
    const roles = byName(synth, "aws_iam_role");
    for (const env of config.environments) {
      const role = roles[`deploy-${env.name}`]!;
      expect(trustOf(role)).toEqual({
        Version: "2012-10-17",
        Statement: [{ Sid: `Trust${env.name}Runner`, Effect: "Allow", Principal: { AWS: `arn:aws:iam::555555555555:role/tools-deploy-${env.name}` }, Action: "sts:AssumeRole" }],
      });
      const alias = `account_${env.account}`;
      expect(role.provider).toBe(`aws.${alias}`);
      const provider = providers(synth).find((p) => p.alias === alias)!;
      expect(provider.allowed_account_ids).toEqual([IDS[env.account as keyof typeof IDS]]);
    }
  });

  it("the runner role may assume only its own environment's deploy role; CodeBuild of this account alone may assume it", () => {
    const roles = byName(synth, "aws_iam_role");
    const policies = Object.values(resourcesOfType(synth, "aws_iam_role_policy"));
    for (const env of config.environments) {
      const runner = roles[`tools-deploy-${env.name}`]!;
      expect(trustOf(runner).Statement).toEqual([
        { Sid: "TrustService", Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "555555555555" } } },
      ]);
      const own = policies.filter((p) => String(p.role).includes(`runner-${env.name}_role`)).map((p) => JSON.parse(p.policy as string) as Json);
      const assumes = own.flatMap((d) => d.Statement as Json[]).filter((s) => s.Action === "sts:AssumeRole");
      expect(assumes).toEqual([{ Sid: "AssumeDeployRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${IDS[env.account as keyof typeof IDS]}:role/deploy-${env.name}` }]);
    }
  });

  it("artifacts: a versioned bucket under a customer-managed, rotating KMS key, which the pipelines encrypt with", () => {
    const key = Object.values(resourcesOfType(synth, "aws_kms_key"))[0]!;
    expect(key.enable_key_rotation).toBe(true);
    const sse = Object.values(resourcesOfType(synth, "aws_s3_bucket_server_side_encryption_configuration"))[0]! as Json;
    expect(sse.rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe("aws:kms");
    expect(sse.rule[0].apply_server_side_encryption_by_default.kms_master_key_id).toMatch(/^\$\{aws_kms_key\..+\.arn\}$/);
    for (const pipeline of Object.values(pipelines)) {
      expect(pipeline.artifact_store[0].encryption_key).toEqual({ id: sse.rule[0].apply_server_side_encryption_by_default.kms_master_key_id, type: "KMS" });
    }
    expect(Object.values(byName(synth, "aws_s3_bucket")).map((b) => b.bucket)).toEqual(["acme-pipeline-artifacts-555555555555"]);
  });

  it("costs nothing while idle: no NAT gateway, instance, cluster or fleet", () => {
    const types = Object.keys(synth.json.resource);
    for (const always of ["aws_nat_gateway", "aws_instance", "aws_ecs_service", "aws_eks_cluster", "aws_codebuild_fleet", "aws_db_instance", "aws_lb"]) expect(types).not.toContain(always);
  });

  it("is the registry's tools stack, in the Tools account", () => {
    expect(synth.json.terraform.backend).toEqual({ local: { path: expect.stringMatching(/tools\.tfstate$/) } });
    expect(TOOLS_STACK_ID).toBe("tools");
  });
});

describe("tools stack (runner: github-actions)", () => {
  const gh = configWith((r) => {
    withIds(r);
    r.edit("tools.yaml", "runner: codepipeline", "runner: github-actions");
  });
  const s = synthTools(gh);

  it("builds no pipeline, connection or build project", () => {
    for (const type of ["aws_codepipeline", "aws_codebuild_project", "aws_codeconnections_connection"]) expect(resourcesOfType(s, type), type).toEqual({});
  });

  it("an OIDC provider for GitHub, and per environment a role whose trust requires aud = sts.amazonaws.com and exactly that environment's ref as sub", () => {
    expect(Object.values(resourcesOfType(s, "aws_iam_openid_connect_provider")).map((p) => [p.url, p.client_id_list])).toEqual([
      ["https://token.actions.githubusercontent.com", ["sts.amazonaws.com"]],
    ]);
    const roles = byName(s, "aws_iam_role");
    const condition = (env: string) => (trustOf(roles[`tools-deploy-${env}`]!).Statement as Json[])[0]!.Condition;
    const host = "token.actions.githubusercontent.com";
    expect(condition("dev")).toEqual({ StringEquals: { [`${host}:aud`]: "sts.amazonaws.com", [`${host}:sub`]: "repo:acme/platform:ref:refs/heads/develop" } });
    expect(condition("stage")).toEqual({ StringEquals: { [`${host}:aud`]: "sts.amazonaws.com", [`${host}:sub`]: "repo:acme/platform:ref:refs/heads/main" } });
    expect(condition("prod")).toEqual({ StringEquals: { [`${host}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${host}:sub`]: "repo:acme/platform:ref:refs/tags/v*" } });
    // The deploy roles in the environment accounts trust these roles, as with CodePipeline.
    expect(trustOf(roles["deploy-prod"]!).Statement[0].Principal).toEqual({ AWS: "arn:aws:iam::555555555555:role/tools-deploy-prod" });
  });
});
