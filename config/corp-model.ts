/**
 * The DNS and Corp parts of the organization as the stacks see them (dns/,
 * corp/): typed, complete, cross-checked. Built by the loader from
 * `dns_account`/`corp_account` in organization.yaml and config/corp.yaml.
 */

export interface DnsConfig {
  /** The member account that holds the primary zone for `domain`. */
  readonly account: string;
}

/** One file of the static website, found by the loader under the website folder. */
export interface WebsiteFile {
  /** Object key: the path below the folder, with / separators (index.html, css/site.css). */
  readonly key: string;
  /** Absolute path, read at synth into a cdktf asset. */
  readonly path: string;
  readonly contentType: string;
}

export interface WebsiteConfig {
  /** Absolute path of the folder (under corp/). */
  readonly folder: string;
  /** As written in config, for messages. */
  readonly folderShown: string;
  readonly files: readonly WebsiteFile[];
  /** The names the site answers to: the apex and www. The certificate covers both. */
  readonly domains: readonly string[];
}

export interface VpnPeer {
  readonly name: string;
  readonly publicKey: string;
  /** Inside the tunnel range. */
  readonly address: string;
}

export interface VpnConfig {
  readonly instanceType: string;
  readonly port: number;
  readonly vpcCidr: string;
  readonly tunnelCidr: string;
  /** The server's tunnel address: the first host of tunnelCidr. */
  readonly serverAddress: string;
  /** Full name of the A record to the Elastic IP (vpn.example.com). */
  readonly hostname: string;
  readonly peers: readonly VpnPeer[];
}

export interface SaasRecord {
  /** Full name in the primary zone (wiki.example.com). */
  readonly name: string;
  readonly cname: string;
  readonly verification?: { readonly name: string; readonly value: string };
}

export interface CorpConfig {
  /** The member account the corp stack deploys into. */
  readonly account: string;
  readonly website: WebsiteConfig;
  readonly vpn: VpnConfig;
  readonly saas: readonly SaasRecord[];
}

/** The zone an environment owns: dev.example.com. */
export function environmentZoneName(environment: string, domain: string): string {
  return `${environment}.${domain}`;
}

/** The website's names: the apex and www. */
export function websiteDomains(domain: string): string[] {
  return [domain, `www.${domain}`];
}
