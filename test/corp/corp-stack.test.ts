/** The corp stack synthesized from the example config: website, VPN, SaaS records, the VPN-only buckets. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config/load.ts";
import type { OrgConfig } from "../../config/model.ts";
import { CorpStack } from "../../corp/corp-stack.ts";
import { CORP_OUTPUTS } from "../../corp/outputs.ts";
import { VPN_ONLY_ACTIONS } from "../../corp/vpn-only-buckets.ts";
import { DNS_OUTPUTS } from "../../dns/outputs.ts";
import { recordWriters } from "../../stacks/dns-records.ts";
import { buildAllStacks } from "../../stacks/all-stacks.ts";
import { synthesizeOrThrow } from "../../stacks/synthesize.ts";
import { configWith, EXAMPLE_CONFIG } from "../helpers/example-config.ts";
import { resourcesOfType, synthJson, testApp, type SynthesizedJson } from "../helpers/synth.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";

const config = loadConfig({ configDir: EXAMPLE_CONFIG });
const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function synthCorp(c: OrgConfig): SynthesizedJson {
  const { app, cleanup } = testApp();
  cleanups.push(cleanup);
  return synthJson(new CorpStack(app, { config: c }));
}

const synth = synthCorp(config);
const one = (type: string) => {
  const all = Object.values(resourcesOfType(synth, type));
  expect(all, type).toHaveLength(1);
  return all[0]!;
};
type Json = Record<string, unknown>;
const data = (s: SynthesizedJson) => (JSON.parse(s.text) as { data: Record<string, Record<string, Json>> }).data;

describe("corp stack: the VPN", () => {
  it("has exactly one inbound rule: UDP on the configured port, and no inline rules on the group", () => {
    const group = one("aws_security_group");
    expect(group.ingress).toBeUndefined();
    const ingress = Object.values(resourcesOfType(synth, "aws_vpc_security_group_ingress_rule"));
    expect(ingress).toHaveLength(1);
    expect(ingress[0]).toMatchObject({ ip_protocol: "udp", from_port: 51820, to_port: 51820, cidr_ipv4: "0.0.0.0/0" });
    expect(resourcesOfType(synth, "aws_security_group_rule")).toEqual({});
  });

  it("follows the port config gives (and the policy rule allows exactly that one)", () => {
    const other = synthCorp(configWith((r) => r.edit("corp.yaml", "port: 51820", "port: 41194")));
    const ingress = Object.values(resourcesOfType(other, "aws_vpc_security_group_ingress_rule"));
    expect(ingress.map((r) => [r.ip_protocol, r.from_port, r.to_port])).toEqual([["udp", 41194, 41194]]);
    expect(Buffer.from(String(Object.values(resourcesOfType(other, "aws_launch_template"))[0]!.user_data), "base64").toString()).toContain("ListenPort = 41194");
  });

  it("launches an ARM instance from a launch template with an SSM-resolved AMI, IMDSv2 required, an encrypted root volume", () => {
    const template = one("aws_launch_template");
    expect(template.image_id).toBe("resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64");
    expect(template.instance_type).toBe("t4g.nano");
    expect(template.metadata_options).toMatchObject({ http_tokens: "required", http_endpoint: "enabled" });
    expect(template.block_device_mappings).toEqual([{ device_name: "/dev/xvda", ebs: { volume_size: 8, volume_type: "gp3", encrypted: "true", delete_on_termination: "true" } }]);
    expect(one("aws_instance").launch_template).toMatchObject({ id: expect.stringContaining("aws_launch_template.") });
    expect(resourcesOfType(synth, "aws_ami")).toEqual({});
    expect(data(synth).aws_ami).toBeUndefined();
  });

  it("has a small VPC with one public subnet and no NAT gateway, and an Elastic IP on the instance", () => {
    expect(one("aws_vpc").cidr_block).toBe("10.100.0.0/28");
    expect(one("aws_subnet").cidr_block).toBe("10.100.0.0/28");
    expect(resourcesOfType(synth, "aws_nat_gateway")).toEqual({});
    expect(one("aws_eip")).toMatchObject({ domain: "vpc", instance: expect.stringContaining("aws_instance.") });
  });

  it("is administered through SSM Session Manager, with no SSH and no key pair", () => {
    const policies = Object.values(resourcesOfType(synth, "aws_iam_role_policy")).map((p) => [p.name, JSON.parse(String(p.policy))] as const);
    const session = policies.find(([name]) => name === "session-manager")![1] as { Statement: { Action: string[] }[] };
    expect(session.Statement[0]!.Action).toContain("ssmmessages:OpenDataChannel");
    expect(session.Statement[0]!.Action).toContain("ssm:UpdateInstanceInformation");
    expect(one("aws_iam_instance_profile").role).toContain("aws_iam_role.vpn_instance-role_");
    expect(one("aws_launch_template").key_name).toBeUndefined();
    expect(synth.text).not.toMatch(/"from_port": 22\b/);
  });

  it("installs WireGuard, makes the key on the instance, publishes the public key to SSM, and configures the peers from config", () => {
    const script = Buffer.from(String(one("aws_launch_template").user_data), "base64").toString();
    expect(script).toContain("dnf install -y wireguard-tools");
    expect(script).toContain("wg genkey > /etc/wireguard/server.key");
    expect(script).toContain("aws ssm put-parameter --name '/acme/corp/vpn/server-public-key' --type String --overwrite");
    for (const peer of config.corp!.vpn.peers) {
      expect(script).toContain(`[Peer]\nPublicKey = ${peer.publicKey}\nAllowedIPs = ${peer.address}/32`);
    }
    expect(script).toContain("Address = 10.101.0.1/24");
    const parameter = one("aws_ssm_parameter");
    expect(parameter).toMatchObject({ name: "/acme/corp/vpn/server-public-key", type: "String", lifecycle: { ignore_changes: ["value"] } });
  });
});

describe("corp stack: the website", () => {
  it("requests the certificate in us-east-1 for the apex and www, validated by DNS", () => {
    const certificate = one("aws_acm_certificate");
    expect(certificate).toMatchObject({ domain_name: "example.com", subject_alternative_names: ["www.example.com"], validation_method: "DNS", provider: "aws.us_east_1" });
    expect(synth.json.provider.aws.find((p) => p.alias === "us_east_1")).toMatchObject({ region: "us-east-1" });
    expect(one("aws_acm_certificate_validation")).toMatchObject({ provider: "aws.us_east_1" });
  });

  it("keys the validation records by the configured names and picks their values out of domain_validation_options with a for expression", () => {
    const records = Object.entries(resourcesOfType(synth, "aws_route53_record"));
    const certificate = Object.keys(resourcesOfType(synth, "aws_acm_certificate"))[0]!;
    for (const domain of ["example.com", "www.example.com"]) {
      const [, record] = records.find(([k]) => k.startsWith(`website_validation-${domain.replace(/\./g, "-")}_`))!;
      expect(record.name).toBe(`\${{ for o in aws_acm_certificate.${certificate}.domain_validation_options : o.domain_name => o.resource_record_name }["${domain}"]}`);
      expect(record.type).toBe(`\${{ for o in aws_acm_certificate.${certificate}.domain_validation_options : o.domain_name => o.resource_record_type }["${domain}"]}`);
      expect(record.provider).toBe("aws.dns_records");
      expect(record.zone_id).toBe(`\${data.terraform_remote_state.remote-state-dns.outputs.${DNS_OUTPUTS.outputs.primaryZoneId.name}}`);
    }
    expect(String(one("aws_acm_certificate_validation").validation_record_fqdns)).toContain("fqdn");
  });

  it("serves through CloudFront with an origin access control, redirecting to HTTPS, TLS 1.2 or newer", () => {
    const distribution = one("aws_cloudfront_distribution");
    expect(distribution.aliases).toEqual(["example.com", "www.example.com"]);
    expect(distribution.default_cache_behavior).toMatchObject({ viewer_protocol_policy: "redirect-to-https" });
    expect(distribution.viewer_certificate).toMatchObject({ minimum_protocol_version: "TLSv1.2_2021", ssl_support_method: "sni-only" });
    const origins = distribution.origin as Json[];
    expect(origins).toHaveLength(1);
    expect(origins[0]).toMatchObject({
      domain_name: "acme-website-000000000000.s3.eu-west-1.amazonaws.com",
      origin_access_control_id: expect.stringContaining("aws_cloudfront_origin_access_control."),
    });
    expect(origins[0]!.s3_origin_config).toBeUndefined();
    expect(one("aws_cloudfront_origin_access_control")).toMatchObject({ origin_access_control_origin_type: "s3", signing_behavior: "always", signing_protocol: "sigv4" });
  });

  it("keeps the bucket private: only this distribution may read it", () => {
    const policies = Object.values(resourcesOfType(synth, "aws_s3_bucket_policy")).map((p) => JSON.parse(String(p.policy)) as { Statement: Json[] });
    const site = policies.find((p) => JSON.stringify(p).includes("acme-website-"))!;
    expect(site.Statement.find((s) => s.Sid === "CloudFrontReadsThroughOriginAccessControl")).toMatchObject({
      Principal: { Service: "cloudfront.amazonaws.com" },
      Action: "s3:GetObject",
      Condition: { StringEquals: { "AWS:SourceArn": expect.stringContaining("aws_cloudfront_distribution.") } },
    });
  });

  it("uploads every file of the folder with its content type, the hash of its contents in the plan", () => {
    const objects = Object.values(resourcesOfType(synth, "aws_s3_object"));
    expect(objects.map((o) => [o.key, o.content_type]).sort()).toEqual([
      ["404.html", "text/html; charset=utf-8"],
      ["css/site.css", "text/css; charset=utf-8"],
      ["index.html", "text/html; charset=utf-8"],
    ]);
    for (const o of objects) expect(o.source_hash).toBe(`\${filemd5("${String(o.source)}")}`);
  });

  it("aliases the apex and www (A and AAAA) to the distribution through the narrow role", () => {
    const aliases = Object.values(resourcesOfType(synth, "aws_route53_record")).filter((r) => r.alias !== undefined);
    expect(aliases.map((r) => `${String(r.name)} ${String(r.type)}`).sort()).toEqual(["example.com A", "example.com AAAA", "www.example.com A", "www.example.com AAAA"]);
    for (const r of aliases) expect(r.provider).toBe("aws.dns_records");
  });
});

describe("corp stack: records and what reads what", () => {
  it("writes only the names the narrow role allows, through the role chained from the corp account", () => {
    const allowed = recordWriters(config).find((w) => w.stack === "corp")!.grants;
    const matches = (name: string, type: string) =>
      allowed.some((g) => g.types.includes(type as never) && g.names.some((n) => new RegExp(`^${n.replace(/\./g, "\\.").replace(/\*/g, ".*")}$`).test(name)));
    const records = Object.values(resourcesOfType(synth, "aws_route53_record"));
    expect(records).toHaveLength(10); // 2 validation, 4 aliases, vpn, 2 CNAME, 1 TXT
    for (const r of records) {
      expect(r.provider).toBe("aws.dns_records");
      const name = String(r.name).startsWith("${{") ? "_0123456789abcdef0123456789abcdef.example.com" : String(r.name);
      const type = String(r.type).startsWith("${{") ? "CNAME" : String(r.type);
      expect(matches(name, type), `${name} ${type}`).toBe(true);
    }
    const provider = synth.json.provider.aws.find((p) => p.alias === "dns_records")!;
    expect(provider.assume_role).toEqual([
      { role_arn: "arn:aws:iam::000000000000:role/OrganizationAccountAccessRole", session_name: "cdktf-corp" },
      { role_arn: "arn:aws:iam::000000000000:role/dns-records-corp", session_name: "cdktf-corp-records" },
    ]);
  });

  it("writes the SaaS CNAMEs and the verification TXT record from config", () => {
    const records = Object.values(resourcesOfType(synth, "aws_route53_record")).filter((r) => r.type === "CNAME" || r.type === "TXT");
    expect(records.map((r) => [r.name, r.type, r.records]).sort()).toEqual([
      ["_youtrack-challenge.example.com", "TXT", ["youtrack-domain-verification=3f9a1c0e-example"]],
      ["issues.example.com", "CNAME", ["acme.youtrack.cloud"]],
      ["wiki.example.com", "CNAME", ["acme.atlassian.net"]],
    ]);
  });

  it("reads the dns stack's outputs through an explicit local remote state with clearly fake defaults", () => {
    const remote = data(synth).terraform_remote_state!["remote-state-dns"]!;
    expect(remote.backend).toBe("local");
    expect(remote.config).toMatchObject({ path: join(config.state.localDirectory, "dns.tfstate") });
    expect(remote.defaults).toMatchObject({ primary_zone_id: "Z0PLACEHOLDERNOTAPPLIED" });
  });

  it("with the S3 backend reads the dns stack's key through the state role", () => {
    const s3 = synthCorp(configWith((r) => r.edit("organization.yaml", "  backend: local", "  backend: s3\n  key_prefix: acme/\n  role_arn: arn:aws:iam::111111111111:role/TerraformState")));
    const remote = data(s3).terraform_remote_state!["remote-state-dns"]!;
    expect(remote.backend).toBe("s3");
    expect(remote.config).toMatchObject({
      bucket: "acme-terraform-state-example",
      key: "acme/dns/terraform.tfstate",
      encrypt: true,
      assume_role: { role_arn: "arn:aws:iam::111111111111:role/TerraformState" },
    });
  });

  it("restricts a bucket in each environment account to the VPN's address", () => {
    const policies = Object.entries(resourcesOfType(synth, "aws_s3_bucket_policy")).filter(([k]) => k.startsWith("ops-bucket-"));
    expect(policies.map(([k]) => k.split("_")[0]).sort()).toEqual(["ops-bucket-dev", "ops-bucket-prod", "ops-bucket-stage"]);
    for (const [key, p] of policies) {
      const env = key.split("_")[0]!.replace("ops-bucket-", "");
      expect(p.provider).toBe(`aws.account_${env}`);
      const deny = (JSON.parse(String(p.policy)) as { Statement: Json[] }).Statement.find((s) => s.Sid === "ObjectsOnlyFromTheVpn")!;
      expect(deny).toMatchObject({
        Effect: "Deny",
        Principal: "*",
        Action: VPN_ONLY_ACTIONS,
        Condition: { NotIpAddress: { "aws:SourceIp": expect.stringMatching(/^\$\{aws_eip\.vpn_public-ip_[0-9A-F]+\.public_ip\}\/32$/) } },
      });
    }
  });

  it("publishes the outputs of its contract (corp/outputs.ts)", () => {
    expect(Object.keys(synth.json.output ?? {}).sort()).toEqual(
      Object.values(CORP_OUTPUTS.outputs)
        .map((o) => o.name)
        .sort(),
    );
  });
});

describe("no private key material anywhere in cdktf.out", () => {
  it("holds no WireGuard key but the peers' public keys, and no private key block", () => {
    const outdir = join(mkdtempSync(join(tmpdir(), "corp-out-")), "cdktf.out");
    try {
      synthesizeOrThrow({ configDir: EXAMPLE_CONFIG, outdir }, buildAllStacks);
      const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
      const publicKeys = new Set(config.corp!.vpn.peers.map((p) => p.publicKey));
      let scanned = 0;
      for (const file of files(outdir)) {
        let text = readFileSync(file, "utf8");
        // user data is base64: decode it too
        for (const [, b64] of text.matchAll(/"user_data": "([A-Za-z0-9+/=]+)"/g)) text += Buffer.from(b64!, "base64").toString();
        expect(text, file).not.toMatch(/PRIVATE KEY|PrivateKey\s*=\s*[A-Za-z0-9+/]/);
        for (const [key] of text.matchAll(/(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])/g)) expect(publicKeys.has(key), `${file}: ${key}`).toBe(true);
        scanned++;
      }
      expect(scanned).toBeGreaterThan(3);
    } finally {
      rmSync(join(outdir, ".."), { recursive: true, force: true });
    }
  });
});
