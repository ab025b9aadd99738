/**
 * Which stacks write records into the primary zone, and which names and
 * types each owns. The dns stack turns this into one narrow role per
 * writing stack (route53:ChangeResourceRecordSets on the primary zone,
 * limited with Route 53's record-name and record-type condition keys); the
 * writing stack creates exactly these records through that role. One
 * function for both, so the role and the records cannot disagree.
 */
import { websiteDomains } from "../config/corp-model.ts";
import type { AccountConfig, OrgConfig } from "../config/model.ts";
import { CORP_STACK_ID } from "../naming/names.ts";

export type RecordType = "A" | "AAAA" | "CNAME" | "TXT";

export interface RecordGrant {
  /** What the records are for, for the README and messages. */
  readonly purpose: string;
  /**
   * Route 53 normalized record names (lower case, no trailing dot), matched
   * with StringLike: `_*.example.com` is any name starting with _ below it.
   */
  readonly names: readonly string[];
  readonly types: readonly RecordType[];
}

export interface RecordWriter {
  /** The stack that writes the records. */
  readonly stack: string;
  /** The account that stack runs in: its admin role is the one principal the narrow role trusts. */
  readonly account: AccountConfig;
  readonly grants: readonly RecordGrant[];
}

/** ACM's DNS validation records: `_<32 hex>.<name>` CNAMEs. */
export function validationRecordPattern(name: string): string {
  return `_*.${name}`;
}

/** Every stack that writes into the primary zone, with its names (empty without a corp stack). */
export function recordWriters(config: OrgConfig): RecordWriter[] {
  const corp = config.corp;
  if (!corp) return [];
  const account = config.accounts.find((a) => a.name === corp.account)!;
  const grants: RecordGrant[] = [
    { purpose: "website aliases to CloudFront", names: websiteDomains(config.domain), types: ["A", "AAAA"] },
    { purpose: "ACM DNS validation of the website's certificate", names: websiteDomains(config.domain).map(validationRecordPattern), types: ["CNAME"] },
    { purpose: "the VPN's address", names: [corp.vpn.hostname], types: ["A"] },
    { purpose: "hosted services (SaaS)", names: corp.saas.map((r) => r.name), types: ["CNAME"] },
    { purpose: "domain verification of hosted services", names: corp.saas.flatMap((r) => (r.verification ? [r.verification.name] : [])), types: ["TXT"] },
  ];
  return [{ stack: CORP_STACK_ID, account, grants: grants.filter((g) => g.names.length > 0) }];
}
