/**
 * The Corp account: what a company's IT department owns. The static
 * website, the WireGuard VPN (and, in each environment account, the bucket
 * only the VPN may use), and the DNS records of hosted SaaS tools. Deployed
 * after org and dns: it reads the primary zone from the dns stack's state and
 * writes its records through the DNS account's narrow records role.
 */
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import type { Construct } from "constructs";
import type { CorpConfig } from "../config/corp-model.ts";
import type { OrgConfig } from "../config/model.ts";
import { DNS_OUTPUTS } from "../dns/outputs.ts";
import { AccountStack } from "../stacks/account-stack.ts";
import { accountIdOf } from "../stacks/aws-provider.ts";
import { recordsRoleProvider, regionProvider } from "../stacks/cross-account-provider.ts";
import { CORP_STACK_ID } from "../naming/names.ts";
import { publishOutputs, readRemoteOutputs } from "../stacks/remote-state.ts";
import { CORP_OUTPUTS } from "./outputs.ts";
import { createSaasRecords } from "./saas-records.ts";
import { StaticWebsite } from "./static-website.ts";
import { createVpnOnlyBuckets } from "./vpn-only-buckets.ts";
import { WireguardVpn } from "./wireguard-vpn.ts";

export interface CorpStackProps {
  readonly config: OrgConfig;
}

export class CorpStack extends AccountStack {
  private readonly corp: CorpConfig;

  constructor(scope: Construct, props: CorpStackProps) {
    const { corp, dns } = props.config;
    if (!corp || !dns) throw new Error("CorpStack needs config.corp and config.dns (corp_account, dns_account, config/corp.yaml)");
    super(scope, CORP_STACK_ID, { config: props.config, account: props.config.accounts.find((a) => a.name === corp.account)! });
    this.corp = corp;
    const zone = readRemoteOutputs(this, this.config, DNS_OUTPUTS);
    const dnsAccount = this.config.accounts.find((a) => a.name === dns.account)!;
    const records = recordsRoleProvider(this, this.config, this.account, dnsAccount, this.node.id);

    const website = new StaticWebsite(this, "website", {
      website: corp.website,
      bucketName: `${this.config.name}-website-${accountIdOf(this.account)!}`,
      region: this.account.region,
      primaryZoneId: zone.primaryZoneId,
      recordsProvider: records,
      usEast1: regionProvider(this, this.config, this.account, this.node.id, "us-east-1"),
    });
    const vpn = this.createVpn(zone.primaryZoneId, records);
    createVpnOnlyBuckets(this, this.config, vpn.eip.publicIp, this.node.id);
    createSaasRecords(this, corp.saas, zone.primaryZoneId, records);

    publishOutputs(this, CORP_OUTPUTS, {
      vpnPublicIp: vpn.eip.publicIp,
      vpnServerPublicKeyParameter: vpn.publicKeyParameter.name,
      websiteDistributionDomain: website.distribution.domainName,
    });
  }

  /** The VPN and its name in the primary zone (what the peers' Endpoint says). */
  private createVpn(zoneId: string, records: ReturnType<typeof recordsRoleProvider>): WireguardVpn {
    const vpn = new WireguardVpn(this, "vpn", {
      vpn: this.corp.vpn,
      organization: this.config.name,
      region: this.account.region,
      accountId: accountIdOf(this.account)!,
    });
    new Route53Record(this, "vpn-address", { provider: records, zoneId, name: this.corp.vpn.hostname, type: "A", ttl: 300, records: [vpn.eip.publicIp] });
    return vpn;
  }
}
