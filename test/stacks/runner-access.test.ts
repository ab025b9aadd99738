/**
 * What a Tools-account runner can reach when a pipeline or the generated
 * workflow deploys or checks an app stack (stacks/run-as.ts,
 * stacks/state-access.ts): the app stack enters its account through the
 * deploy role (or the read-only drift role) and reaches its state without
 * the operators' state role; the state bucket's policy (org stack) and the
 * runners' own policies (tools stack) grant exactly the same objects, and
 * AWS's evaluation of the two together (iam-simulate, cross-account) allows
 * each runner its own state and nothing of another environment's.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import type { TerraformStack } from "cdktf";
import { afterAll, describe, expect, it } from "vitest";
import type { OrgConfig } from "../../config/model.ts";
import { OrgStack } from "../../org/org-stack.ts";
import { buildStacksNamed } from "../../stacks/all-stacks.ts";
import type { RunAs } from "../../stacks/run-as.ts";
import { APP_STACK_READS, runnerStateGrants } from "../../stacks/state-access.ts";
import { ToolsStack } from "../../tools/tools-stack.ts";
import { ACCOUNT_IDS, withAccountIds } from "../helpers/account-ids.ts";
import { configWith, type TempRepo } from "../helpers/example-config.ts";
import { resourcesOfType, synthJson, testApp, type SynthesizedJson } from "../helpers/synth.ts";

type Json = Record<string, any>;
const MANAGEMENT = "111111111111";
const IDS = ACCOUNT_IDS;
const STATE_ROLE = `arn:aws:iam::${MANAGEMENT}:role/TerraformState`;
const BUCKET = "acme-terraform-state-example";

const withIds = withAccountIds;

/** The example with account ids and the S3 backend reached through a state role, as a team running pipelines has it. */
function withS3State(repo: TempRepo): void {
  withIds(repo);
  repo.edit("organization.yaml", "  backend: local\n", `  backend: s3\n  role_arn: ${STATE_ROLE}\n`);
}

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function synth(build: (app: ReturnType<typeof testApp>["app"]) => TerraformStack): SynthesizedJson {
  const { app, cleanup } = testApp();
  cleanups.push(cleanup);
  return synthJson(build(app));
}

function synthApp(config: OrgConfig, id: string, runAs: RunAs): SynthesizedJson {
  return synth((app) => {
    buildStacksNamed([id])(app, config, runAs);
    return app.node.findChild(id) as TerraformStack;
  });
}

const config = configWith(withS3State);
const org = synth((app) => new OrgStack(app, { config }));
const tools = synth((app) => new ToolsStack(app, { config }));
const bucketPolicy = JSON.parse(Object.values(resourcesOfType(org, "aws_s3_bucket_policy")).find((p) => String(p.bucket).includes("state-bucket"))!.policy as string) as Json;
const byName = (s: SynthesizedJson, type: string) => Object.fromEntries(Object.values(resourcesOfType(s, type)).map((r) => [r.name as string, r as Json]));
const key = (stack: string) => `arn:aws:s3:::${BUCKET}/${stack}/terraform.tfstate`;

/** A runner role's own inline policy in the tools stack. */
function runnerPolicy(roleName: string): Json {
  const roles = byName(tools, "aws_iam_role");
  const address = Object.entries(resourcesOfType(tools, "aws_iam_role")).find(([, r]) => r.name === roleName)![0];
  expect(roles[roleName]).toBeDefined();
  const policy = Object.values(resourcesOfType(tools, "aws_iam_role_policy")).find((p) => p.role === `\${aws_iam_role.${address}.name}`)!;
  return JSON.parse(policy.policy as string) as Json;
}

async function allowed(principal: string, identityPolicy: Json, action: string, resource: string): Promise<boolean> {
  const response = await runSimulation(
    {
      request: {
        principal,
        action,
        resource: { resource, accountId: MANAGEMENT },
        contextVariables: { "aws:PrincipalArn": principal, "aws:SecureTransport": "true", "aws:PrincipalAccount": principal.split(":")[4]! },
      },
      identityPolicies: [{ name: "runs", policy: identityPolicy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: bucketPolicy,
    },
    {},
  );
  if (response.resultType === "error") throw new Error(JSON.stringify(response.errors));
  return response.overallResult === "Allowed";
}

describe("an app stack run by a runner", () => {
  for (const [runAs, role] of [
    ["deploy-runner", "deploy-dev"],
    ["drift-runner", "drift-dev"],
  ] as const) {
    it(`${runAs}: enters the environment's account through ${role}, and reaches its state and the dns stack's without the state role`, () => {
      const s = synthApp(config, "app-dev", runAs);
      const provider = s.json.provider.aws.find((p) => p.alias === undefined)!;
      expect(provider.assume_role).toEqual([{ role_arn: `arn:aws:iam::${IDS.dev}:role/${role}`, session_name: "cdktf-app-dev" }]);
      expect(provider.allowed_account_ids).toEqual([IDS.dev]);
      expect(s.json.terraform.backend.s3).toEqual({ bucket: BUCKET, key: "app-dev/terraform.tfstate", region: "eu-west-1", encrypt: true, use_lockfile: true });
      const remote = (s.json as Json).data.terraform_remote_state as Json;
      expect(Object.values(remote).map((r) => r.config)).toEqual([{ bucket: BUCKET, key: "dns/terraform.tfstate", region: "eu-west-1", encrypt: true }]);
    });
  }

  it("an operator's run of the same stack enters through the admin role and the state role, as before", () => {
    const s = synthApp(config, "app-dev", "operator");
    const provider = s.json.provider.aws.find((p) => p.alias === undefined)!;
    expect(provider.assume_role).toEqual([{ role_arn: `arn:aws:iam::${IDS.dev}:role/OrganizationAccountAccessRole`, session_name: "cdktf-app-dev" }]);
    expect((s.json.terraform.backend.s3 as Json).assume_role).toEqual({ role_arn: STATE_ROLE, session_name: "state-app-dev" });
  });

  it("the stacks an app stack reads through remote state are exactly the ones its runner may read", () => {
    const s = synthApp(config, "app-stage", "deploy-runner");
    const reads = Object.values((s.json as Json).data.terraform_remote_state as Json).map((r) => `arn:aws:s3:::${r.config.bucket}/${r.config.key}`);
    expect(reads).toEqual(APP_STACK_READS.map(key));
  });

  it("the shared stacks are built as always: a runner never runs them", () => {
    const { app, cleanup } = testApp();
    cleanups.push(cleanup);
    buildStacksNamed(["tools"])(app, config, "deploy-runner");
    const s = synthJson(app.node.findChild("tools") as TerraformStack);
    expect(s.json.provider.aws.find((p) => p.alias === undefined)!.assume_role).toEqual([{ role_arn: `arn:aws:iam::${IDS.tools}:role/OrganizationAccountAccessRole`, session_name: "cdktf-tools" }]);
  });
});

describe("the state bucket's grant to the runners", () => {
  const grants = bucketPolicy.Statement.filter((s: Json) => s.Sid !== "DenyInsecureTransport") as Json[];

  it("names the Tools account and admits each runner by its exact role ARN, never the account as a whole", () => {
    expect(grants.length).toBeGreaterThan(0);
    for (const s of grants) {
      expect(s.Principal).toEqual({ AWS: `arn:aws:iam::${IDS.tools}:root` });
      expect(Object.keys(s.Condition)).toEqual(["ArnEquals"]);
      expect(s.Condition.ArnEquals["aws:PrincipalArn"]).toMatch(new RegExp(`^arn:aws:iam::${IDS.tools}:role/tools-(deploy-(dev|stage|prod)|drift)$`));
    }
  });

  it("gives the dev runner its own state and lock and the dns stack's state to read, and nothing else", () => {
    const dev = grants.filter((s) => s.Condition.ArnEquals["aws:PrincipalArn"] === `arn:aws:iam::${IDS.tools}:role/tools-deploy-dev`);
    expect(dev.map(({ Sid, Action, Resource }) => ({ Sid, Action, Resource }))).toEqual([
      { Sid: "ToolsDeployDevListState", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${BUCKET}` },
      { Sid: "ToolsDeployDevOwnState", Action: ["s3:GetObject", "s3:PutObject"], Resource: key("app-dev") },
      { Sid: "ToolsDeployDevOwnLock", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: `${key("app-dev")}.tflock` },
      { Sid: "ToolsDeployDevReadUpstreamState", Action: "s3:GetObject", Resource: [key("dns")] },
    ]);
  });

  it("lets the drift runner read every app stack's state and take their locks, and write no state", () => {
    const drift = grants.filter((s) => s.Condition.ArnEquals["aws:PrincipalArn"] === `arn:aws:iam::${IDS.tools}:role/tools-drift`);
    expect(drift.map(({ Sid, Action, Resource }) => ({ Sid, Action, Resource }))).toEqual([
      { Sid: "ToolsDriftListState", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${BUCKET}` },
      { Sid: "ToolsDriftReadState", Action: "s3:GetObject", Resource: [key("app-dev"), key("app-stage"), key("app-prod"), key("dns")] },
      { Sid: "ToolsDriftTakeLocks", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: ["app-dev", "app-stage", "app-prod"].map((s) => `${key(s)}.tflock`) },
    ]);
  });

  it("is what each runner's own policy asks for, statement by statement", () => {
    for (const grant of runnerStateGrants(config)) {
      const own = (runnerPolicy(grant.runnerArn.split("/")[1]!).Statement as Json[]).filter((s) => String(s.Sid).startsWith("State"));
      const granted = grants.filter((s) => s.Condition.ArnEquals["aws:PrincipalArn"] === grant.runnerArn);
      expect(own.map((s) => [s.Action, s.Resource])).toEqual(granted.map((s) => [s.Action, s.Resource]));
    }
  });

  it("as AWS evaluates it across accounts: each runner writes its own state only; the drift runner reads but never writes state", async () => {
    const dev = `arn:aws:iam::${IDS.tools}:role/tools-deploy-dev`;
    const devPolicy = runnerPolicy("tools-deploy-dev");
    expect(await allowed(dev, devPolicy, "s3:PutObject", key("app-dev"))).toBe(true);
    expect(await allowed(dev, devPolicy, "s3:DeleteObject", `${key("app-dev")}.tflock`)).toBe(true);
    expect(await allowed(dev, devPolicy, "s3:GetObject", key("dns"))).toBe(true);
    expect(await allowed(dev, devPolicy, "s3:PutObject", key("app-prod"))).toBe(false);
    expect(await allowed(dev, devPolicy, "s3:GetObject", key("org"))).toBe(false);
    expect(await allowed(dev, devPolicy, "s3:PutObject", key("dns"))).toBe(false);
    const drift = `arn:aws:iam::${IDS.tools}:role/tools-drift`;
    const driftPolicy = runnerPolicy("tools-drift");
    expect(await allowed(drift, driftPolicy, "s3:GetObject", key("app-prod"))).toBe(true);
    expect(await allowed(drift, driftPolicy, "s3:PutObject", `${key("app-prod")}.tflock`)).toBe(true);
    expect(await allowed(drift, driftPolicy, "s3:PutObject", key("app-prod"))).toBe(false);
    // The same request from another role of the Tools account, even with the dev runner's policy: the bucket admits only the runner.
    expect(await allowed(`arn:aws:iam::${IDS.tools}:role/someone-else`, devPolicy, "s3:GetObject", key("app-dev"))).toBe(false);
  });

  it("is not written while no runner can use it: the local backend, no id for the Tools account yet", () => {
    expect(runnerStateGrants(configWith(withIds))).toEqual([]);
    const noToolsId = configWith((r) => {
      withS3State(r);
      r.edit("accounts/tools.yaml", `account_id: "${IDS.tools}"\n`, "");
    });
    expect(runnerStateGrants(noToolsId)).toEqual([]);
  });
});

describe("the drift roles", () => {
  const roles = byName(tools, "aws_iam_role");

  it("one per environment, in its account, trusting exactly the drift runner", () => {
    for (const env of config.environments) {
      const role = roles[`drift-${env.name}`]!;
      expect(JSON.parse(role.assume_role_policy)).toEqual({
        Version: "2012-10-17",
        Statement: [{ Sid: "TrustDriftRunner", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${IDS.tools}:role/tools-drift` }, Action: "sts:AssumeRole" }],
      });
      expect(role.provider).toBe(`aws.account_${env.account}`);
    }
  });

  it("may only describe, get and list, and never read table items or log events", () => {
    const policy = JSON.parse(byName(tools, "aws_iam_policy")["drift-dev"]!.policy) as Json;
    const actions = policy.Statement.flatMap((s: Json) => s.Action) as string[];
    for (const action of actions) expect(action).toMatch(/^[a-z0-9]+:(Get|List|Describe)[A-Za-z*]*$|^apigateway:GET$/);
    expect(actions.filter((a) => /^(dynamodb:Get|logs:Get|s3:)/.test(a))).toEqual([]);
  });

  it("are what the drift runner may assume, and not the deploy roles", () => {
    const assumes = (runnerPolicy("tools-drift").Statement as Json[]).filter((s) => s.Action === "sts:AssumeRole");
    expect(assumes).toEqual([
      {
        Sid: "AssumeDriftRoles",
        Effect: "Allow",
        Action: "sts:AssumeRole",
        Resource: [`arn:aws:iam::${IDS.dev}:role/drift-dev`, `arn:aws:iam::${IDS.stage}:role/drift-stage`, `arn:aws:iam::${IDS.prod}:role/drift-prod`],
      },
    ]);
  });
});
