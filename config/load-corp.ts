/**
 * The loader's DNS and Corp part: reads config/corp.yaml (when present),
 * checks it with the organization, and builds the `dns` and `corp` parts of
 * the model. load.ts calls it; kept here so the organization and account
 * loading and this grow apart.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { websiteDomains, type CorpConfig, type DnsConfig } from "./corp-model.ts";
import { corpFileSchema, type CorpFile } from "./corp-schema.ts";
import { firstHost, parseCidr, type Cidr } from "./ipv4.ts";
import type { Problem } from "./problems.ts";
import type { OrganizationFile } from "./schema.ts";
import { checkCorp, checkServiceAccounts, CORP_FILE } from "./validate-corp.ts";
import type { ParsedFile } from "./validate.ts";
import type { z } from "zod";

/** Where the website folder of corp.yaml is looked up: corp/ of this repository. */
export const DEFAULT_SITE_ROOT = join(import.meta.dirname, "..", "corp");

type ReadAndCheck = <S extends z.ZodType>(path: string, display: string, schema: S, problems: Problem[]) => ParsedFile<z.output<S>> | undefined;

export interface CorpPart {
  readonly build: (o: OrganizationFile) => { dns?: DnsConfig; corp?: CorpConfig };
}

/** Reads and checks corp.yaml; adds every problem to `problems`. `org` is undefined when organization.yaml did not parse. */
export function loadCorpPart(
  configDir: string,
  display: (file: string) => string,
  org: ParsedFile<OrganizationFile> | undefined,
  siteRoot: string,
  readAndCheck: ReadAndCheck,
  problems: Problem[],
): CorpPart {
  const path = join(configDir, CORP_FILE);
  const exists = existsSync(path);
  const file = exists ? readAndCheck(path, display(path), corpFileSchema, problems) : undefined;
  if (!org) return { build: () => ({}) };
  problems.push(...checkServiceAccounts(org, file, exists));
  const checked = file ? checkCorp(file, org, siteRoot) : undefined;
  if (checked) problems.push(...checked.problems);
  return {
    build: (o) => ({
      ...(o.dns_account !== undefined && { dns: { account: o.dns_account } }),
      ...(o.corp_account !== undefined && file && checked && { corp: corpModel(o.corp_account, o.domain, file.data, siteRoot, checked.websiteFiles) }),
    }),
  };
}

function corpModel(account: string, domain: string, c: CorpFile, siteRoot: string, files: CorpConfig["website"]["files"]): CorpConfig {
  return {
    account,
    website: { folder: join(siteRoot, c.website.folder), folderShown: `corp/${c.website.folder}`, files, domains: websiteDomains(domain) },
    vpn: {
      instanceType: c.vpn.instance_type,
      port: c.vpn.port,
      vpcCidr: c.vpn.vpc_cidr,
      tunnelCidr: c.vpn.tunnel_cidr,
      serverAddress: firstHost(parseCidr(c.vpn.tunnel_cidr) as Cidr),
      hostname: `${c.vpn.hostname}.${domain}`,
      peers: c.vpn.peers.map((p) => ({ name: p.name, publicKey: p.public_key, address: p.address })),
    },
    saas: c.saas.map((r) => ({ name: r.name, cname: r.cname, ...(r.verification && { verification: { ...r.verification } }) })),
  };
}
