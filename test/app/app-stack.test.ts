/**
 * The app stacks synthesized from the example config: one per environment,
 * each in its account with its own state, and (the point of the design) the
 * same stack in every environment but for the configured knobs and for
 * account, state key and names, shown by a diff of the synthesized JSON.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { AppEnvironment } from "../../config/app-model.ts";
import type { OrgConfig } from "../../config/model.ts";
import { AppStack } from "../../app/app-stack.ts";
import { appOutputs } from "../../app/outputs.ts";
import { DNS_OUTPUTS } from "../../dns/outputs.ts";
import { stackEntries } from "../../stacks/registry.ts";
import { configWith, type TempRepo } from "../helpers/example-config.ts";
import { resourcesOfType, synthJson, testApp, type SynthesizedJson } from "../helpers/synth.ts";

/** The environments' accounts created, as after `accounts sync`, so account ids differ between the stacks. */
const ACCOUNT_IDS = { dev: "400000000003", stage: "400000000004", prod: "400000000005" } as const;
const withIds = (r: TempRepo) => {
  for (const [name, ou] of [
    ["dev", "nonprod"],
    ["stage", "production"],
    ["prod", "production"],
  ] as const) {
    r.edit(`accounts/${name}.yaml`, `ou: ${ou}`, `ou: ${ou}\naccount_id: "${ACCOUNT_IDS[name]}"`);
  }
};
const config = configWith(withIds);
const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function synthApp(c: OrgConfig, environment: string): SynthesizedJson {
  const { app, cleanup } = testApp();
  cleanups.push(cleanup);
  return synthJson(new AppStack(app, { config: c, app: c.app!.environments.find((e) => e.environment === environment)! }));
}

const envs = config.app!.environments;
const synth = Object.fromEntries(envs.map((e) => [e.environment, synthApp(config, e.environment)]));
const one = (s: SynthesizedJson, type: string) => {
  const all = Object.values(resourcesOfType(s, type));
  expect(all, type).toHaveLength(1);
  return all[0]!;
};
type Json = Record<string, unknown>;

describe("app stacks: one per environment", () => {
  it("are in the registry after org and dns, each in its environment's account, waiting for nothing else", () => {
    const entries = stackEntries(config).filter((e) => e.folder === "app");
    expect(entries.map((e) => [e.id, e.account.name, e.follows])).toEqual([
      ["app-dev", "dev", ["org", "dns"]],
      ["app-stage", "stage", ["org", "dns"]],
      ["app-prod", "prod", ["org", "dns"]],
    ]);
    expect(entries[0]!.outputs).toEqual(["api_url", "function_name", "table_name", "alarm_topic_arn"]);
    const pending = stackEntries(configWith(() => undefined)).find((e) => e.id === "app-dev")!;
    expect(pending.waitsFor.map((a) => a.name)).toEqual(["dev"]);
  });

  it.each(envs.map((e) => [e.environment, e] as const))("%s: assumes into its own account, pinned to it, with its own state", (name, e) => {
    const s = synth[name]!;
    const id = ACCOUNT_IDS[name as keyof typeof ACCOUNT_IDS];
    expect(s.json.provider.aws).toEqual([
      expect.objectContaining({
        allowed_account_ids: [id],
        assume_role: [{ role_arn: `arn:aws:iam::${id}:role/OrganizationAccountAccessRole`, session_name: `cdktf-app-${name}` }],
        region: config.accounts.find((a) => a.name === e.account)!.region,
      }),
    ]);
    expect(s.json.terraform.backend).toEqual({ local: { path: join(config.state.localDirectory, `app-${name}.tfstate`) } });
  });

  it("packages app/src at synth as a zip asset for a Node.js function sized by config", () => {
    for (const e of envs) {
      const fn = one(synth[e.environment]!, "aws_lambda_function");
      expect(fn).toMatchObject({ runtime: "nodejs20.x", handler: "handler.handler", memory_size: e.lambdaMemoryMb, reserved_concurrent_executions: e.lambdaReservedConcurrency ?? -1 });
      expect(String(fn.filename)).toMatch(/^assets\/function_code_[0-9A-F]+\/[0-9A-F]+\/archive\.zip$/);
      expect(fn.source_code_hash).toBe(`\${filebase64sha256("${String(fn.filename)}")}`);
      expect(fn.environment).toEqual({
        variables: { TABLE_NAME: `\${${Object.keys(resourcesOfType(synth[e.environment]!, "aws_dynamodb_table")).map((k) => `aws_dynamodb_table.${k}`)[0]}.name}`, APP_ENVIRONMENT: e.environment },
      });
    }
    expect(readFileSync(join(import.meta.dirname, "..", "..", "app", "src", "handler.mjs"), "utf8")).toContain("export async function handler");
  });

  it("has an on-demand table, protected exactly where config says", () => {
    for (const e of envs) {
      expect(one(synth[e.environment]!, "aws_dynamodb_table")).toMatchObject({
        billing_mode: "PAY_PER_REQUEST",
        point_in_time_recovery: { enabled: e.tableProtection },
        deletion_protection_enabled: e.tableProtection,
        lifecycle: { prevent_destroy: e.tableProtection },
      });
    }
    expect(envs.map((e) => e.tableProtection)).toEqual([false, true, true]);
  });

  it("keeps the function's and the API's logs for the configured days", () => {
    for (const e of envs) {
      const groups = Object.values(resourcesOfType(synth[e.environment]!, "aws_cloudwatch_log_group"));
      expect(groups.map((g) => [g.name, g.retention_in_days])).toEqual([
        [`/aws/lambda/acme-${e.environment}-api`, e.logRetentionDays],
        [`/aws/apigateway/acme-${e.environment}-api`, e.logRetentionDays],
      ]);
    }
  });

  it("serves the HTTP API only at api.<environment zone>, TLS 1.2, its certificate validated in that zone (read from the dns stack's state)", () => {
    const s = synth.dev!;
    expect(one(s, "aws_apigatewayv2_api")).toMatchObject({ protocol_type: "HTTP", disable_execute_api_endpoint: true });
    expect(one(s, "aws_acm_certificate")).toMatchObject({ domain_name: "api.dev.example.com", validation_method: "DNS" });
    expect(one(s, "aws_apigatewayv2_domain_name")).toMatchObject({
      domain_name: "api.dev.example.com",
      domain_name_configuration: { endpoint_type: "REGIONAL", security_policy: "TLS_1_2", certificate_arn: expect.stringContaining("aws_acm_certificate_validation.") },
    });
    const zones = DNS_OUTPUTS.outputs.environmentZoneIds.name;
    for (const record of Object.values(resourcesOfType(s, "aws_route53_record"))) {
      expect(record.zone_id).toContain(`data.terraform_remote_state.remote-state-dns.outputs.${zones}.dev`);
      expect(record.provider).toBeUndefined();
    }
    const data = (JSON.parse(s.text) as { data: { terraform_remote_state: Record<string, Json> } }).data.terraform_remote_state;
    expect(data["remote-state-dns"]).toMatchObject({ backend: "local", config: { path: join(config.state.localDirectory, "dns.tfstate") } });
    expect(
      Object.values(resourcesOfType(s, "aws_apigatewayv2_route"))
        .map((r) => [r.route_key, r.authorization_type])
        .sort(),
    ).toEqual([
      ["GET /health", "NONE"],
      ["GET /items/{id}", "AWS_IAM"],
      ["PUT /items/{id}", "AWS_IAM"],
    ]);
    expect(one(s, "aws_lambda_permission")).toMatchObject({ principal: "apigateway.amazonaws.com", source_arn: expect.stringMatching(/execution_arn\}\/\*\/\*$/) });
  });

  it("alarms on the API's server errors to an encrypted topic mailed to the configured address", () => {
    for (const e of envs) {
      const s = synth[e.environment]!;
      expect(one(s, "aws_cloudwatch_metric_alarm")).toMatchObject({ namespace: "AWS/ApiGateway", metric_name: "5xx", alarm_actions: [expect.stringContaining("aws_sns_topic.")] });
      expect(one(s, "aws_sns_topic").kms_master_key_id).toContain("aws_kms_key.");
      expect(one(s, "aws_sns_topic_subscription")).toMatchObject({ protocol: "email", endpoint: e.alarmEmail });
    }
  });

  it("publishes the outputs of its contract", () => {
    const names = Object.values(appOutputs("dev").outputs).map((o) => o.name);
    expect(Object.keys(synth.dev!.json.output ?? {}).sort()).toEqual([...names].sort());
    expect(synth.dev!.json.output!.api_url!.value).toBe("https://api.dev.example.com");
  });
});

/** Every leaf of a JSON value, by path. */
function leaves(value: unknown, path = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value as Json)) leaves(v, path === "" ? k : `${path}.${k}`, out);
  } else out.set(path, value);
  return out;
}

/** The knobs of config/app.yaml: where each lands in the synthesized JSON, and its value for an environment. */
const KNOBS: readonly { readonly at: RegExp; readonly value: (e: AppEnvironment) => unknown }[] = [
  { at: /^resource\.aws_lambda_function\.[^.]+\.memory_size$/, value: (e) => e.lambdaMemoryMb },
  { at: /^resource\.aws_lambda_function\.[^.]+\.reserved_concurrent_executions$/, value: (e) => e.lambdaReservedConcurrency ?? -1 },
  { at: /^resource\.aws_cloudwatch_log_group\.[^.]+\.retention_in_days$/, value: (e) => e.logRetentionDays },
  { at: /^resource\.aws_dynamodb_table\.[^.]+\.(point_in_time_recovery\.enabled|deletion_protection_enabled|lifecycle\.prevent_destroy)$/, value: (e) => e.tableProtection },
  { at: /^resource\.aws_kms_key\.[^.]+\.lifecycle\.prevent_destroy$/, value: (e) => e.tableProtection },
  { at: /^resource\.aws_sns_topic_subscription\.[^.]+\.endpoint$/, value: (e) => e.alarmEmail },
];

/**
 * What differs between two environments' stacks and is neither a knob (with
 * each side's configured value) nor the same text once the environment's
 * identity (environment and account name, account id, region) is swapped
 * for the other's, as a word of its own: after - . / : or a quote, not
 * inside a Terraform name (aws_apigatewayv2_stage.http-api_stage_...), which
 * is the same in every stack. The stack id and state key follow from it. Empty: the stacks differ only as config says.
 */
function unexplainedDifferences(a: { json: unknown; env: AppEnvironment }, b: { json: unknown; env: AppEnvironment }, c: OrgConfig): string[] {
  const identity = (e: AppEnvironment) => {
    const account = c.accounts.find((x) => x.name === e.account)!;
    return [e.environment, account.name, account.accountId!, account.region];
  };
  const [from, to] = [identity(a.env), identity(b.env)];
  const swap = (v: unknown) => (typeof v === "string" ? from.reduce((text, word, i) => text.replace(new RegExp(`(?<![\\w])${word}(?![\\w])`, "g"), to[i]!), v) : v);
  const left = leaves(a.json);
  const right = leaves(b.json);
  const problems: string[] = [];
  for (const path of new Set([...left.keys(), ...right.keys()])) {
    const [x, y] = [left.get(path), right.get(path)];
    const knob = KNOBS.find((k) => k.at.test(path));
    if (knob) {
      if (x !== knob.value(a.env) || y !== knob.value(b.env))
        problems.push(`${path}: ${JSON.stringify(x)} / ${JSON.stringify(y)} are not the configured ${JSON.stringify(knob.value(a.env))} / ${JSON.stringify(knob.value(b.env))}`);
    } else if (!left.has(path) || !right.has(path)) {
      problems.push(`${path}: only in ${left.has(path) ? a.env.environment : b.env.environment}`);
    } else if (swap(x) !== y) {
      problems.push(`${path}: ${JSON.stringify(x)} / ${JSON.stringify(y)}`);
    }
  }
  return problems;
}

describe("app stacks differ across environments only as config says", () => {
  const side = (name: string) => ({ json: synth[name]!.json, env: envs.find((e) => e.environment === name)! });

  it.each([
    ["dev", "stage"],
    ["dev", "prod"],
    ["stage", "prod"],
  ])("%s and %s: the knobs, and account, state key and names", (x, y) => {
    expect(unexplainedDifferences(side(x), side(y), config)).toEqual([]);
    // and the knobs really differ where config sets them apart (so the comparison sees them)
    const differing = [...leaves(side(x).json)].filter(([path, v]) => KNOBS.some((k) => k.at.test(path)) && leaves(side(y).json).get(path) !== v);
    expect(differing.length).toBeGreaterThan(0);
  });

  it("catches a difference config does not explain", () => {
    const prod = structuredClone(side("prod").json) as { resource: Record<string, Record<string, Json>> };
    const [fn] = Object.keys(prod.resource.aws_lambda_function!);
    prod.resource.aws_lambda_function![fn!]!.timeout = 30;
    prod.resource.aws_sqs_queue = { extra: { name: "only-in-prod" } };
    expect(unexplainedDifferences(side("dev"), { json: prod, env: side("prod").env }, config).sort()).toEqual([
      `resource.aws_lambda_function.${fn!}.timeout: 10 / 30`,
      "resource.aws_sqs_queue.extra.name: only in prod",
    ]);
  });

  it("follows a knob changed in config into that environment's stack alone", () => {
    const changed = configWith((r) => {
      withIds(r);
      r.edit("app.yaml", "    log_retention_days: 365", "    log_retention_days: 400");
    });
    const prod = synthApp(changed, "prod");
    expect(Object.values(resourcesOfType(prod, "aws_cloudwatch_log_group")).map((g) => g.retention_in_days)).toEqual([400, 400]);
    // The same stage stack but for where the (temporary) repository is.
    const repoOf = (c: OrgConfig) => dirname(c.state.localDirectory);
    expect(synthApp(changed, "stage").text.replaceAll(repoOf(changed), "<repo>")).toBe(synth.stage!.text.replaceAll(repoOf(config), "<repo>"));
  });
});
