/**
 * One delegated zone per environment (dev.example.com ...), created in that
 * environment's account through an aliased provider, and its NS record in
 * the primary zone. Adding an environment to config is all it takes.
 *
 * Why here and not in the app stacks: the delegation (the NS record in the
 * primary zone) and the zone's name servers must change together, and only
 * this stack may write the primary zone freely; an app stack would need the
 * dns stack's outputs and a role into the primary zone just for its NS
 * record. The app stacks own the records inside their zone.
 */
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import type { Construct } from "constructs";
import { environmentZoneName } from "../config/corp-model.ts";
import type { OrgConfig } from "../config/model.ts";
import { crossAccountProvider } from "../stacks/cross-account-provider.ts";

/** Delegations change rarely; two days is what Route 53 gives NS records itself. */
export const DELEGATION_TTL = 172800;

/** Zone id by environment name. */
export function createEnvironmentZones(scope: Construct, config: OrgConfig, primaryZoneId: string, stackId: string): Map<string, Route53Zone> {
  const zones = new Map<string, Route53Zone>();
  for (const environment of config.environments) {
    const account = config.accounts.find((a) => a.name === environment.account)!;
    const name = environmentZoneName(environment.name, config.domain);
    const zone = new Route53Zone(scope, `zone-${environment.name}`, {
      provider: crossAccountProvider(scope, config, account, stackId),
      name,
      comment: `Environment ${environment.name}: delegated from ${config.domain}, owned by account ${account.name}`,
      lifecycle: { preventDestroy: true },
    });
    new Route53Record(scope, `delegation-${environment.name}`, {
      zoneId: primaryZoneId,
      name,
      type: "NS",
      ttl: DELEGATION_TTL,
      records: zone.nameServers,
    });
    zones.set(environment.name, zone);
  }
  return zones;
}
