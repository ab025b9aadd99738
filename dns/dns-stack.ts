/**
 * The DNS account: the organization's primary hosted zone for `domain`, a
 * delegated zone per environment in that environment's account, and the
 * narrow roles through which other stacks write their own records into the
 * primary zone. Deployed after org; corp reads its outputs.
 */
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import type { Construct } from "constructs";
import type { OrgConfig } from "../config/model.ts";
import { AccountStack } from "../stacks/account-stack.ts";
import { recordWriters } from "../stacks/dns-records.ts";
import { DNS_STACK_ID } from "../naming/names.ts";
import { publishOutputs } from "../stacks/remote-state.ts";
import { createEnvironmentZones } from "./environment-zones.ts";
import { DNS_OUTPUTS } from "./outputs.ts";
import { RecordsRole } from "./records-role.ts";

export interface DnsStackProps {
  readonly config: OrgConfig;
}

export class DnsStack extends AccountStack {
  constructor(scope: Construct, props: DnsStackProps) {
    const dns = props.config.dns;
    if (!dns) throw new Error("DnsStack needs config.dns (dns_account in organization.yaml)");
    super(scope, DNS_STACK_ID, { config: props.config, account: props.config.accounts.find((a) => a.name === dns.account)! });
    const primary = this.createPrimaryZone();
    const environmentZones = createEnvironmentZones(this, this.config, primary.zoneId, this.node.id);
    this.createRecordsRoles(primary);
    publishOutputs(this, DNS_OUTPUTS, {
      primaryZoneId: primary.zoneId,
      primaryNameServers: primary.nameServers,
      environmentZoneIds: Object.fromEntries([...environmentZones].map(([env, zone]) => [env, zone.zoneId])),
    });
  }

  /** The zone the registrar points at (dns/README.md says how). */
  private createPrimaryZone(): Route53Zone {
    return new Route53Zone(this, "primary-zone", {
      name: this.config.domain,
      comment: `Primary zone of ${this.config.name}`,
      lifecycle: { preventDestroy: true },
    });
  }

  /** One per stack that writes into the primary zone, trusted by that stack's role alone. */
  private createRecordsRoles(primary: Route53Zone): void {
    for (const writer of recordWriters(this.config)) new RecordsRole(this, `records-role-${writer.stack}`, { zoneId: primary.zoneId, writer });
  }
}
