/** The dns stack synthesized from the example config (and variations of it). */
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config/load.ts";
import type { OrgConfig } from "../../config/model.ts";
import { DnsStack } from "../../dns/dns-stack.ts";
import { DNS_OUTPUTS } from "../../dns/outputs.ts";
import { configWith, EXAMPLE_CONFIG } from "../helpers/example-config.ts";
import { resourcesOfType, synthJson, testApp, type SynthesizedJson } from "../helpers/synth.ts";

const config = loadConfig({ configDir: EXAMPLE_CONFIG });
const apps: (() => void)[] = [];
afterAll(() => apps.forEach((c) => c()));

function synthDns(c: OrgConfig): SynthesizedJson {
  const { app, cleanup } = testApp();
  apps.push(cleanup);
  return synthJson(new DnsStack(app, { config: c }));
}

const synth = synthDns(config);
const policyOf = (s: SynthesizedJson) =>
  JSON.parse(String(Object.values(resourcesOfType(s, "aws_iam_role_policy"))[0]!.policy)) as {
    Statement: { Sid: string; Action: string | string[]; Resource: string; Condition?: Record<string, Record<string, string[]>> }[];
  };

describe("dns stack", () => {
  it("creates the primary zone for the domain in the DNS account, never destroyed", () => {
    expect(synth.text).toHaveResourceWithProperties(Route53Zone, { name: "example.com", lifecycle: { prevent_destroy: true } });
    const primary = resourcesOfType(synth, "aws_route53_zone")["primary-zone"]!;
    expect(primary.provider).toBeUndefined(); // the stack's own provider: the DNS account
  });

  it("delegates one zone per environment of config, created in that environment's account", () => {
    const zones = resourcesOfType(synth, "aws_route53_zone");
    const delegations = resourcesOfType(synth, "aws_route53_record");
    // dev, stage, prod in config
    for (const env of config.environments.map((e) => e.name)) {
      expect(zones[`zone-${env}`]).toMatchObject({ name: `${env}.example.com`, provider: `aws.account_${env}`, lifecycle: { prevent_destroy: true } });
      expect(delegations[`delegation-${env}`]).toMatchObject({
        zone_id: "${aws_route53_zone.primary-zone.zone_id}",
        name: `${env}.example.com`,
        type: "NS",
        records: `\${aws_route53_zone.zone-${env}.name_servers}`,
      });
    }
    expect(Object.keys(delegations).sort()).toEqual(["delegation-dev", "delegation-prod", "delegation-stage"]);
    const aliases = synth.json.provider.aws.map((p) => p.alias).filter((a) => a !== undefined);
    expect(aliases).toEqual(["account_dev", "account_stage", "account_prod"]);
  });

  it("adding an environment to config is all it takes for its zone and delegation", () => {
    const withQa = configWith((r) => {
      r.edit("organization.yaml", "accounts: [security, dns, corp, tools, dev, stage, prod, legacy]", "accounts: [security, dns, corp, tools, dev, stage, prod, legacy, qa]");
      r.write("accounts/qa.yaml", 'name: qa\ntitle: Acme QA\nemail: aws-qa@example.com\nou: nonprod\naccount_id: "444444444444"\n');
      r.edit("organization.yaml", "environments:\n", "environments:\n  qa:\n    account: qa\n    branch: qa\n");
    });
    const s = synthDns(withQa);
    expect(resourcesOfType(s, "aws_route53_record")["delegation-qa"]).toMatchObject({ name: "qa.example.com", type: "NS" });
    expect(s.json.provider.aws.find((p) => p.alias === "account_qa")).toMatchObject({
      allowed_account_ids: ["444444444444"],
      assume_role: [{ role_arn: "arn:aws:iam::444444444444:role/OrganizationAccountAccessRole" }],
    });
  });

  it("gives the corp stack a narrow role trusted by exactly the corp account's stack role", () => {
    const role = resourcesOfType(synth, "aws_iam_role")["records-role-corp_role_17B54779"]!;
    expect(role.name).toBe("dns-records-corp");
    const trust = JSON.parse(String(role.assume_role_policy)) as { Statement: { Principal: unknown; Action: string }[] };
    // corp has no account_id in the example: the clearly fake placeholder, never a whole account
    expect(trust.Statement).toEqual([{ Sid: "TrustcorpStack", Effect: "Allow", Principal: { AWS: "arn:aws:iam::000000000000:role/OrganizationAccountAccessRole" }, Action: "sts:AssumeRole" }]);
  });

  it("lets the narrow role change only the primary zone, and only the names and types corp owns", () => {
    const statements = policyOf(synth).Statement;
    const zone = "arn:aws:route53:::hostedzone/${aws_route53_zone.primary-zone.zone_id}";
    const changes = statements.filter((s) => s.Action === "route53:ChangeResourceRecordSets");
    for (const s of changes) expect(s.Resource).toBe(zone);
    const granted = changes.map((s) => [
      s.Condition!["ForAllValues:StringLike"]!["route53:ChangeResourceRecordSetsNormalizedRecordNames"],
      s.Condition!["ForAllValues:StringEquals"]!["route53:ChangeResourceRecordSetsRecordTypes"],
    ]);
    expect(granted).toEqual([
      [
        ["example.com", "www.example.com"],
        ["A", "AAAA"],
      ],
      [["_*.example.com", "_*.www.example.com"], ["CNAME"]],
      [["vpn.example.com"], ["A"]],
      [["wiki.example.com", "issues.example.com"], ["CNAME"]],
      [["_youtrack-challenge.example.com"], ["TXT"]],
    ]);
    // Nothing else may change anything: the other statements only read.
    const others = statements.filter((s) => s.Action !== "route53:ChangeResourceRecordSets");
    expect(others.flatMap((s) => [s.Action].flat()).sort()).toEqual(["route53:GetChange", "route53:GetHostedZone", "route53:ListResourceRecordSets"]);
    expect(synth.text).not.toMatch(/"route53:\*"|"Action":"\*"/);
  });

  it("gives no role when no stack writes into the primary zone (no corp account)", () => {
    const noCorp = configWith((r) => {
      r.edit("organization.yaml", "corp_account: corp\n", "");
      r.remove("corp.yaml");
    });
    expect(resourcesOfType(synthDns(noCorp), "aws_iam_role")).toEqual({});
  });

  it("publishes the outputs of its contract (dns/outputs.ts)", () => {
    expect(Object.keys(synth.json.output ?? {}).sort()).toEqual(
      Object.values(DNS_OUTPUTS.outputs)
        .map((o) => o.name)
        .sort(),
    );
    expect(synth.json.output!["primary_name_servers"]!.value).toBe("${aws_route53_zone.primary-zone.name_servers}");
    expect(synth.json.output!["environment_zone_ids"]!.value).toEqual({
      dev: "${aws_route53_zone.zone-dev.zone_id}",
      stage: "${aws_route53_zone.zone-stage.zone_id}",
      prod: "${aws_route53_zone.zone-prod.zone_id}",
    });
  });
});
