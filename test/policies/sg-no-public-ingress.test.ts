import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { describe, expect, it } from "vitest";
import { WIREGUARD_UDP_PORT } from "../../stacks/policies/index.ts";
import { synthErrors } from "./helpers.ts";

const ingress = (protocol: string, port: number, cidr: string) => ({
  protocol,
  fromPort: port,
  toPort: port,
  cidrBlocks: [cidr],
  ipv6CidrBlocks: [],
  prefixListIds: [],
  securityGroups: [],
  selfAttribute: false,
  description: "",
});

describe("sg-no-public-ingress", () => {
  it("passes WireGuard open to the internet and HTTPS open to the VPC", () => {
    expect(
      synthErrors((s) => {
        new SecurityGroup(s, "vpn", { name: "vpn", ingress: [ingress("udp", WIREGUARD_UDP_PORT, "0.0.0.0/0"), ingress("tcp", 443, "10.0.0.0/16")] });
        new VpcSecurityGroupIngressRule(s, "wireguard-v6", { securityGroupId: "sg-0123", ipProtocol: "udp", fromPort: 51820, toPort: 51820, cidrIpv6: "::/0" });
      }),
    ).toEqual([]);
  });

  it("fails SSH, a TCP port range and all traffic from the internet, in each of the three ways to write a rule", () => {
    const fix = "(allow known CIDRs or security groups instead; only WireGuard, udp 51820, may be open to the internet)";
    expect(
      synthErrors((s) => {
        new SecurityGroup(s, "vpn", { name: "vpn", ingress: [ingress("udp", WIREGUARD_UDP_PORT, "0.0.0.0/0"), ingress("tcp", 22, "0.0.0.0/0")] });
        new SecurityGroupRule(s, "wide", { type: "ingress", securityGroupId: "sg-0123", protocol: "tcp", fromPort: 1024, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] });
        new VpcSecurityGroupIngressRule(s, "everything", { securityGroupId: "sg-0123", ipProtocol: "-1", cidrIpv6: "::/0" });
      }),
    ).toEqual([
      `[test/vpn] [sg-no-public-ingress] aws_security_group.vpn: allows inbound tcp port 22 from 0.0.0.0/0 ${fix}`,
      `[test/wide] [sg-no-public-ingress] aws_security_group_rule.wide: allows inbound tcp ports 1024-65535 from 0.0.0.0/0 ${fix}`,
      `[test/everything] [sg-no-public-ingress] aws_vpc_security_group_ingress_rule.everything: allows inbound all traffic from ::/0 ${fix}`,
    ]);
  });

  it("fails the WireGuard exception bent: TCP on the WireGuard port, UDP on the next port, and a UDP range that includes it", () => {
    const fix = "(allow known CIDRs or security groups instead; only WireGuard, udp 51820, may be open to the internet)";
    expect(
      synthErrors((s) => {
        new SecurityGroup(s, "vpn", { name: "vpn", ingress: [ingress("tcp", WIREGUARD_UDP_PORT, "0.0.0.0/0")] });
        new SecurityGroupRule(s, "next", { type: "ingress", securityGroupId: "sg-0123", protocol: "udp", fromPort: 51821, toPort: 51821, cidrBlocks: ["0.0.0.0/0"] });
        new VpcSecurityGroupIngressRule(s, "range", { securityGroupId: "sg-0123", ipProtocol: "udp", fromPort: 51820, toPort: 51830, cidrIpv4: "0.0.0.0/0" });
      }),
    ).toEqual([
      `[test/vpn] [sg-no-public-ingress] aws_security_group.vpn: allows inbound tcp port 51820 from 0.0.0.0/0 ${fix}`,
      `[test/next] [sg-no-public-ingress] aws_security_group_rule.next: allows inbound udp port 51821 from 0.0.0.0/0 ${fix}`,
      `[test/range] [sg-no-public-ingress] aws_vpc_security_group_ingress_rule.range: allows inbound udp ports 51820-51830 from 0.0.0.0/0 ${fix}`,
    ]);
  });

  it("reads protocol all and 17 (UDP by number), leaves egress rules alone, and asks the WireGuard exception for exactly its port", () => {
    const line = (what: string) =>
      `[test/rule] [sg-no-public-ingress] aws_security_group_rule.rule: allows inbound ${what} from 0.0.0.0/0 (allow known CIDRs or security groups instead; only WireGuard, udp ${WIREGUARD_UDP_PORT}, may be open to the internet)`;
    const rule = (type: string, protocol: string, fromPort: number, toPort: number) =>
      synthErrors((s) => new SecurityGroupRule(s, "rule", { type, protocol, fromPort, toPort, cidrBlocks: ["0.0.0.0/0"], securityGroupId: "sg-0123" }));
    expect(rule("egress", "-1", 0, 0)).toEqual([]);
    expect(rule("ingress", "all", 0, 0)).toEqual([line("all traffic")]);
    expect(rule("ingress", "17", WIREGUARD_UDP_PORT, WIREGUARD_UDP_PORT)).toEqual([]);
    expect(rule("ingress", "udp", 1024, WIREGUARD_UDP_PORT)).toEqual([line(`udp ports 1024-${WIREGUARD_UDP_PORT}`)]);
  });
});
