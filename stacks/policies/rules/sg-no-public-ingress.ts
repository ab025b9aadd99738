import { blocks, strings, type PolicyRule } from "../engine/rule.ts";
import type { ResourceView } from "../engine/view.ts";

const ANYWHERE = ["0.0.0.0/0", "::/0"];

interface Ingress {
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
  readonly sources: readonly string[];
}

function ingressRules(resource: ResourceView): Ingress[] {
  const c = resource.config;
  const rule = (r: Record<string, unknown>, protocol: unknown, cidrs: readonly string[]): Ingress => ({
    protocol: String(protocol).toLowerCase(),
    from: Number(r.from_port ?? -1),
    to: Number(r.to_port ?? -1),
    sources: cidrs,
  });
  switch (resource.type) {
    case "aws_security_group":
      return blocks(c.ingress).map((r) => rule(r, r.protocol, [...strings(r.cidr_blocks), ...strings(r.ipv6_cidr_blocks)]));
    case "aws_security_group_rule":
      return c.type === "ingress" ? [rule(c, c.protocol, [...strings(c.cidr_blocks), ...strings(c.ipv6_cidr_blocks)])] : [];
    default: // aws_vpc_security_group_ingress_rule
      return [rule(c, c.ip_protocol, [...strings(c.cidr_ipv4), ...strings(c.cidr_ipv6)])];
  }
}

function describe(r: Ingress): string {
  if (r.protocol === "-1" || r.protocol === "all") return "all traffic";
  const ports = r.from === r.to ? `port ${r.from}` : `ports ${r.from}-${r.to}`;
  return `${r.protocol} ${ports}`;
}

/** Nothing is open to the internet except the WireGuard UDP port. */
export const sgNoPublicIngress: PolicyRule = {
  id: "sg-no-public-ingress",
  description: "Security groups allow no inbound traffic from 0.0.0.0/0 or ::/0, except UDP on the WireGuard port.",
  resourceTypes: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"],
  check(resource, stack) {
    const port = stack.context.wireguardUdpPort;
    const isWireguard = (r: Ingress) => (r.protocol === "udp" || r.protocol === "17") && r.from === port && r.to === port;
    for (const r of ingressRules(resource)) {
      const open = r.sources.find((s) => ANYWHERE.includes(s));
      if (open === undefined || isWireguard(r)) continue;
      return `allows inbound ${describe(r)} from ${open} (allow known CIDRs or security groups instead; only WireGuard, udp ${port}, may be open to the internet)`;
    }
    return undefined;
  },
};
