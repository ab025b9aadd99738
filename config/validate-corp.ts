/**
 * Checks of the DNS and Corp config (dns_account and corp_account in
 * organization.yaml, config/corp.yaml) that need more than one field or
 * file, and the website folder on disk. Every problem is reported, with file,
 * line and field; shapes are corp-schema.ts's.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { CONTENT_TYPES } from "./content-types.ts";
import { environmentZoneName, websiteDomains, type WebsiteFile } from "./corp-model.ts";
import type { CorpFile } from "./corp-schema.ts";
import { cidrContains, cidrsOverlap, cidrSize, firstHost, parseCidr, parseIpv4, type Cidr } from "./ipv4.ts";
import type { Problem } from "./problems.ts";
import type { OrganizationFile } from "./schema.ts";
import { problemAt } from "./source.ts";
import { unknownName, type ParsedFile } from "./validate.ts";

export const CORP_FILE = "corp.yaml";

export interface CorpChecked {
  readonly problems: Problem[];
  /** The website's files, when the folder could be read. */
  readonly websiteFiles: WebsiteFile[];
}

/** dns_account and corp_account: member accounts, no environment's, and corp.yaml present exactly when corp_account is set. */
export function checkServiceAccounts(org: ParsedFile<OrganizationFile>, corp: ParsedFile<CorpFile> | undefined, corpFileExists: boolean): Problem[] {
  const { source, data } = org;
  const problems: Problem[] = [];
  const members = data.accounts.filter((a) => a !== data.management_account);
  const environmentOf = new Map(Object.entries(data.environments).map(([env, e]) => [e.account, env]));
  for (const field of ["dns_account", "corp_account"] as const) {
    const name = data[field];
    if (name === undefined) continue;
    if (name === data.management_account) {
      problems.push(problemAt(source, [field], `${name} is the management account; keep it for the organization alone and name a member account (e.g. ${field === "dns_account" ? "dns" : "corp"})`));
    } else if (!members.includes(name)) {
      problems.push(problemAt(source, [field], unknownName("member account", name, members, "accounts")));
    } else if (environmentOf.has(name)) {
      problems.push(problemAt(source, [field], `${name} is the account of environment ${environmentOf.get(name)}; the organization's own services need an account of their own`));
    }
  }
  if (data.corp_account !== undefined && data.dns_account === undefined) {
    problems.push(problemAt(source, ["corp_account"], "the website's and VPN's records go into the primary zone, which needs dns_account (add dns_account: dns)"));
  }
  if (data.corp_account !== undefined && !corpFileExists) {
    problems.push(problemAt(source, ["corp_account"], `${data.corp_account} is named but config/${CORP_FILE} is missing (create it with website:, vpn: and saas:; see corp/README.md)`));
  }
  if (corp !== undefined && data.corp_account === undefined) {
    problems.push(
      problemAt(corp.source, [], `${corp.source.display} describes the Corp account's services, but ${source.display} names no corp_account (add corp_account: corp there, or delete this file)`),
    );
  }
  return problems;
}

/** config/corp.yaml against the organization, and the website folder under `siteRoot` (corp/). */
export function checkCorp(corp: ParsedFile<CorpFile>, org: ParsedFile<OrganizationFile>, siteRoot: string): CorpChecked {
  const website = checkWebsite(corp, siteRoot);
  return {
    problems: [...website.problems, ...checkVpn(corp), ...checkSaas(corp, org)],
    websiteFiles: website.files,
  };
}

function checkWebsite({ source, data }: ParsedFile<CorpFile>, siteRoot: string): { problems: Problem[]; files: WebsiteFile[] } {
  const folder = data.website.folder;
  const at = ["website", "folder"];
  const dir = resolve(siteRoot, folder);
  if (isAbsolute(folder) || (dir !== siteRoot && !dir.startsWith(siteRoot + sep))) {
    return { problems: [problemAt(source, at, `${folder} is not a folder under corp/ (give a path relative to corp/, e.g. website)`)], files: [] };
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return { problems: [problemAt(source, at, `corp/${folder} does not exist (create it with an index.html, or name an existing folder under corp/)`)], files: [] };
  }
  const problems: Problem[] = [];
  const files: WebsiteFile[] = [];
  for (const path of listFiles(dir)) {
    const key = relative(dir, path).split(sep).join("/");
    const contentType = CONTENT_TYPES[extname(path).toLowerCase()];
    if (contentType === undefined) {
      problems.push(problemAt(source, at, `corp/${folder}/${key} has no known content type (${extname(path) || "no extension"}; add it to config/content-types.ts, or remove the file)`));
    } else files.push({ key, path, contentType });
  }
  if (!files.some((f) => f.key === "index.html") && problems.length === 0) {
    problems.push(problemAt(source, at, `corp/${folder} has no index.html, which the site serves at / (add one)`));
  }
  return { problems, files };
}

/** Every file below `dir`, sorted; dotfiles (.DS_Store, .gitkeep) are not part of a site. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith("."))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

function checkVpn({ source, data }: ParsedFile<CorpFile>): Problem[] {
  const problems: Problem[] = [];
  const vpn = data.vpn;
  const vpc = parseCidr(vpn.vpc_cidr) as Cidr;
  const tunnel = parseCidr(vpn.tunnel_cidr) as Cidr;
  if (vpc.prefix < 16 || vpc.prefix > 28) {
    problems.push(problemAt(source, ["vpn", "vpc_cidr"], `${vpn.vpc_cidr} is a /${vpc.prefix}; an AWS VPC is /16 to /28 (a /28 is enough for the VPN)`));
  }
  if (tunnel.prefix > 30) {
    problems.push(problemAt(source, ["vpn", "tunnel_cidr"], `${vpn.tunnel_cidr} leaves no address for a peer (use /30 or larger, e.g. /24)`));
  }
  if (cidrsOverlap(vpc, tunnel)) {
    problems.push(
      problemAt(
        source,
        ["vpn", "tunnel_cidr"],
        `${vpn.tunnel_cidr} overlaps vpc_cidr ${vpn.vpc_cidr}, so tunnel traffic could not be told from the VPC's (pick ranges apart, e.g. 10.100.0.0/28 and 10.101.0.0/24)`,
      ),
    );
  }
  const server = firstHost(tunnel);
  const byKey = new Map<string, number>();
  const byAddress = new Map<string, number>();
  const byName = new Map<string, number>();
  vpn.peers.forEach((peer, i) => {
    const at = (field: string) => ["vpn", "peers", i, field];
    const line = (j: number, field: string) => problemAt(source, ["vpn", "peers", j, field], "").line;
    const address = parseIpv4(peer.address);
    if (address === undefined) {
      problems.push(problemAt(source, at("address"), `${peer.address} is not an IPv4 address (each part 0 to 255, e.g. ${formatHint(tunnel)})`));
    } else if (!cidrContains(tunnel, address)) {
      // A tunnel with no host address is reported above; an example from it would be outside it too.
      const fix = tunnel.prefix > 30 ? "widen tunnel_cidr first" : `give the peer an address in it, e.g. ${formatHint(tunnel)}`;
      problems.push(problemAt(source, at("address"), `${peer.address} is outside tunnel_cidr ${vpn.tunnel_cidr} (${fix})`));
    } else if (peer.address === server) {
      problems.push(problemAt(source, at("address"), `${peer.address} is the server's own tunnel address, the first of ${vpn.tunnel_cidr} (give the peer another, e.g. ${formatHint(tunnel)})`));
    } else if (address === tunnel.network || address === tunnel.network + cidrSize(tunnel) - 1) {
      problems.push(
        problemAt(
          source,
          at("address"),
          `${peer.address} is the ${address === tunnel.network ? "network" : "broadcast"} address of ${vpn.tunnel_cidr} (use a host address, e.g. ${formatHint(tunnel)})`,
        ),
      );
    }
    const duplicate = (seen: Map<string, number>, value: string, field: string, what: string) => {
      const first = seen.get(value);
      if (first === undefined) seen.set(value, i);
      else {
        problems.push(problemAt(source, at(field), `${value} is already the ${what} of peer ${vpn.peers[first]!.name} (${source.display}:${line(first, field)}); each peer needs its own`));
      }
    };
    duplicate(byKey, peer.public_key, "public_key", "public key");
    duplicate(byAddress, peer.address, "address", "tunnel address");
    duplicate(byName, peer.name, "name", "name");
  });
  return problems;
}

function formatHint(tunnel: Cidr): string {
  return firstHost({ ...tunnel, network: tunnel.network + 1 });
}

function checkSaas({ source, data }: ParsedFile<CorpFile>, org: ParsedFile<OrganizationFile>): Problem[] {
  const domain = org.data.domain;
  const problems: Problem[] = [];
  const zones = Object.keys(org.data.environments).map((env) => ({ env, zone: environmentZoneName(env, domain) }));
  const taken = new Map<string, string>([...websiteDomains(domain).map((d): [string, string] => [d, "the website"]), [`${data.vpn.hostname}.${domain}`, "the VPN (vpn.hostname)"]]);
  const check = (name: string, path: (string | number)[], type: "CNAME" | "TXT") => {
    if (name === domain && type === "CNAME") {
      problems.push(problemAt(source, path, `${name} is the domain itself, where DNS allows no CNAME (use a name under it, e.g. wiki.${domain})`));
      return;
    }
    if (name !== domain && !name.endsWith(`.${domain}`)) {
      problems.push(problemAt(source, path, `${name} is outside the domain ${domain}, so the primary zone cannot hold it (use a name ending in .${domain})`));
      return;
    }
    const inside = zones.find((z) => name === z.zone || name.endsWith(`.${z.zone}`));
    if (inside) {
      problems.push(
        problemAt(source, path, `${name} is inside ${inside.zone}, the zone the ${inside.env} environment owns in its account (pick a name outside it, e.g. ${name.split(".")[0]}.${domain})`),
      );
      return;
    }
    const owner = taken.get(name);
    // One name, one record here: a CNAME shares its name with nothing, and two TXT records would be one record set.
    if (owner !== undefined) {
      problems.push(problemAt(source, path, `${name} is already used by ${owner} (give this record another name)`));
      return;
    }
    taken.set(name, `the ${type} record at ${source.display}:${problemAt(source, path, "").line}`);
  };
  data.saas.forEach((record, i) => {
    check(record.name, ["saas", i, "name"], "CNAME");
    if (record.verification) check(record.verification.name, ["saas", i, "verification", "name"], "TXT");
  });
  return problems;
}
