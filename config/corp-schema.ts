/**
 * The shape of config/corp.yaml: what the Corp account runs (corp/): the
 * static website, the WireGuard VPN and the DNS records of hosted SaaS
 * tools. Kept apart from schema.ts (the organization and account files) so
 * the two grow without stepping on each other; the loader reads both.
 *
 * Checks that need more than one field (ranges that overlap, duplicate
 * peers, names inside the domain) are in validate-corp.ts.
 */
import { z } from "zod";
import { parseCidr } from "./ipv4.ts";

/** Graviton (ARM) instance families: a digit then "g" (t4g, m7g, c6gn, r8g ...). */
export const ARM_INSTANCE_TYPE = /^[a-z]+\d+g[a-z]*\.[a-z0-9]+$/;

const cidr = z.string().superRefine((value, ctx) => {
  const parsed = parseCidr(value);
  if ("error" in parsed) ctx.addIssue({ code: "custom", message: parsed.error });
});

/** A WireGuard key: 32 bytes, base64 with padding (what `wg pubkey` prints: 44 characters ending in =). */
export function isWireguardKey(text: string): boolean {
  if (!/^[A-Za-z0-9+/]{43}=$/.test(text)) return false;
  const bytes = Buffer.from(text, "base64");
  return bytes.length === 32 && bytes.toString("base64") === text;
}

const dnsName = z.string().regex(/^(?=.{1,253}$)(_?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/, {
  error: "is not a lower-case DNS name such as wiki.example.com",
});

export const peerSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,39}$/, { error: "must be 1-40 lower-case letters, digits and dashes, starting with a letter (e.g. alice-laptop)" })
      .describe("Who or what this peer is; shown in the server's config."),
    public_key: z
      .string()
      .refine(isWireguardKey, {
        error: "is not a WireGuard public key (32 bytes in base64: 44 characters ending in =; print it with: wg pubkey < private.key)",
      })
      .describe("The peer's public key (wg pubkey). Its private key never leaves the peer."),
    address: z
      .string()
      .regex(/^\d{1,3}(\.\d{1,3}){3}$/, { error: "is not an IPv4 address such as 10.101.0.2" })
      .describe("The peer's address inside the tunnel; one of tunnel_cidr, not its first (the server's)."),
  })
  .describe("A WireGuard peer: a laptop or phone allowed onto the VPN.");

export const vpnSchema = z
  .strictObject({
    instance_type: z
      .string()
      .regex(ARM_INSTANCE_TYPE, { error: "is not an ARM (Graviton) instance type such as t4g.nano (the VPN's AMI is arm64)" })
      .default("t4g.nano")
      .describe("EC2 instance type; ARM (Graviton), e.g. t4g.nano."),
    port: z
      .number({ error: "must be a number such as 51820, without quotes" })
      .int({ error: "must be a whole number such as 51820" })
      .min(1, { error: (iss) => `is ${String(iss.input)}; a UDP port is 1 to 65535 (WireGuard's usual is 51820)` })
      .max(65535, { error: (iss) => `is ${String(iss.input)}; a UDP port is 1 to 65535 (WireGuard's usual is 51820)` })
      .default(51820)
      .describe("UDP port WireGuard listens on: the only inbound port of the VPN's security group."),
    vpc_cidr: cidr.default("10.100.0.0/28").describe("The VPN's VPC (one public subnet spans it); /16 to /28."),
    tunnel_cidr: cidr.default("10.101.0.0/24").describe("Addresses inside the tunnel: the server takes the first, each peer one of the rest. Must not overlap vpc_cidr."),
    hostname: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, { error: "must be one DNS label such as vpn" })
      .default("vpn")
      .describe("The VPN's name under the domain (vpn -> vpn.example.com), an A record to its Elastic IP."),
    peers: z.array(peerSchema).default([]).describe("Who may connect."),
  })
  .describe("The WireGuard VPN in the Corp account.");

export const websiteSchema = z
  .strictObject({
    folder: z
      .string()
      .min(1, { error: "is empty; name the folder under corp/ that holds the site (e.g. website)" })
      .describe("Folder under corp/ in this repository holding the site's files, index.html at its top. Uploaded as they are."),
  })
  .describe("The static website at the domain's apex and www.");

export const saasRecordSchema = z
  .strictObject({
    name: dnsName.describe("Full record name in the primary zone, e.g. wiki.example.com."),
    cname: dnsName.describe("What the name points to: the host name the SaaS vendor gives you, e.g. acme.atlassian.net."),
    verification: z
      .strictObject({
        name: dnsName.describe("Full name of the TXT record, e.g. _github-challenge-acme.example.com."),
        value: z
          .string()
          .min(1, { error: "is empty; paste the verification text the vendor gives you" })
          .max(255, { error: (iss) => `is ${String(iss.input).length} characters; one TXT string holds at most 255` })
          .describe("The TXT record's text."),
      })
      .optional()
      .describe("A TXT record some vendors want to prove you own the domain."),
  })
  .describe("A hosted service (wiki, issue tracker ...) reached under the company's domain.");

export const corpFileSchema = z
  .strictObject({
    website: websiteSchema,
    vpn: vpnSchema.default({ instance_type: "t4g.nano", port: 51820, vpc_cidr: "10.100.0.0/28", tunnel_cidr: "10.101.0.0/24", hostname: "vpn", peers: [] }),
    saas: z.array(saasRecordSchema).default([]).describe("Records for hosted services, written into the primary zone."),
  })
  .describe("What the Corp account runs: config/corp.yaml.");

export type CorpFile = z.infer<typeof corpFileSchema>;
