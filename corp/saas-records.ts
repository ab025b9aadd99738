/**
 * Hosted tools under the company's domain (wiki, issue tracker ...): a small
 * company rents them. Each gets a CNAME to the vendor's host and, where the
 * vendor asks, a verification TXT record, in the primary zone through the
 * DNS account's narrow records role (which allows exactly these names).
 */
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import type { Construct } from "constructs";
import type { SaasRecord } from "../config/corp-model.ts";

export function createSaasRecords(scope: Construct, records: readonly SaasRecord[], zoneId: string, provider: AwsProvider): void {
  for (const record of records) {
    const id = record.name.replace(/[^A-Za-z0-9-]/g, "-");
    new Route53Record(scope, `saas-${id}`, { provider, zoneId, name: record.name, type: "CNAME", ttl: 3600, records: [record.cname] });
    if (record.verification) {
      new Route53Record(scope, `saas-${id}-verification`, {
        provider,
        zoneId,
        name: record.verification.name,
        type: "TXT",
        ttl: 3600,
        records: [record.verification.value],
      });
    }
  }
}
