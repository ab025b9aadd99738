/**
 * A Terraform state (format v4) for the org stack "as if applied": the
 * organization, its OUs and its accounts with the values a synthesized
 * cdk.tf.json gives them, plus the ids AWS would have assigned. Planning
 * another synthesized config against it with `-refresh=false` shows what
 * changing the config would do to accounts that exist, without AWS.
 *
 * Only these three resource types are seeded; everything else in the stack
 * (SCPs, buckets, the trail) is absent, so a plan creates it.
 */
import { readFileSync } from "node:fs";

type Json = Record<string, unknown>;

export const ROOT_ID = "r-exam";
export const ORGANIZATION_ID = "o-exampleorg1";

/** A valid-looking OU id per OU name (the provider checks parent_id's format). */
export function ouId(name: string): string {
  return `ou-exam-${(name.replace(/[^a-z0-9]/g, "0") + "00000000").slice(0, 8)}`;
}

const SEEDED = ["aws_organizations_organization", "aws_organizations_organizational_unit", "aws_organizations_account"];
const NOT_ATTRIBUTES = new Set(["//", "lifecycle", "provider", "depends_on", "count", "for_each"]);

export interface SeedChange {
  /** Per account name: attributes as AWS holds them now, where they differ from the synthesized config (e.g. an email changed outside Terraform). */
  readonly accounts?: Record<string, { email?: string; ou?: string }>;
}

/** State v4 JSON for the stack synthesized at `cdkTfJson`, with `accountIds` (name -> id) and the management account id. */
export function seedOrgState(cdkTfJson: string, accountIds: Readonly<Record<string, string>>, managementId: string, change: SeedChange = {}): string {
  const stack = JSON.parse(readFileSync(cdkTfJson, "utf8")) as { provider: { aws: Json[] }; resource: Record<string, Record<string, Json>> };
  const provider = stack.provider.aws.find((p) => p.alias === undefined)!;
  const defaultTags = ((provider.default_tags as Json[] | undefined)?.[0]?.tags ?? {}) as Record<string, string>;
  const resolve = (value: unknown): unknown => {
    if (typeof value !== "string") return value;
    if (value === "${aws_organizations_organization.organization.roots[0].id}") return ROOT_ID;
    const ou = /^\$\{aws_organizations_organizational_unit\.ou-([a-z0-9-]+)\.id\}$/.exec(value);
    if (ou) return ouId(ou[1]!);
    if (value.includes("${")) throw new Error(`seedOrgState: no value for the reference ${value}`);
    return value;
  };
  const literal = (config: Json): Json =>
    Object.fromEntries(
      Object.entries(config)
        .filter(([k]) => !NOT_ATTRIBUTES.has(k))
        .map(([k, v]) => [k, resolve(v)]),
    );

  const resources: Json[] = [];
  const add = (type: string, name: string, attributes: Json) =>
    resources.push({
      mode: "managed",
      type,
      name,
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [{ schema_version: 0, attributes, sensitive_attributes: [] }],
    });

  for (const type of SEEDED) {
    for (const [name, config] of Object.entries(stack.resource[type] ?? {})) {
      const attrs = literal(config);
      if (type === "aws_organizations_organization") {
        add(type, name, {
          ...attrs,
          id: ORGANIZATION_ID,
          accounts: [],
          non_master_accounts: [],
          arn: `arn:aws:organizations::${managementId}:organization/${ORGANIZATION_ID}`,
          master_account_id: managementId,
          roots: [
            {
              id: ROOT_ID,
              arn: `arn:aws:organizations::${managementId}:root/${ORGANIZATION_ID}/${ROOT_ID}`,
              name: "Root",
              policy_types: ((attrs.enabled_policy_types as string[] | undefined) ?? []).map((t) => ({ status: "ENABLED", type: t })),
            },
          ],
        });
      } else if (type === "aws_organizations_organizational_unit") {
        const ouName = name.replace(/^ou-/, "");
        add(type, name, { ...attrs, id: ouId(ouName), accounts: [], arn: `arn:aws:organizations::${managementId}:ou/${ORGANIZATION_ID}/${ouId(ouName)}`, tags_all: defaultTags });
      } else {
        const account = name.replace(/^account-/, "");
        const id = accountIds[account];
        if (id === undefined) throw new Error(`seedOrgState: no id for account ${account}`);
        const now = change.accounts?.[account] ?? {};
        add(type, name, {
          ...attrs,
          ...(now.email !== undefined && { email: now.email }),
          ...(now.ou !== undefined && { parent_id: ouId(now.ou) }),
          id,
          arn: `arn:aws:organizations::${managementId}:account/${ORGANIZATION_ID}/${id}`,
          status: "ACTIVE",
          joined_method: "CREATED",
          joined_timestamp: "2024-01-01T00:00:00Z",
          govcloud_id: "",
          create_govcloud: false,
          tags_all: defaultTags,
        });
      }
    }
  }
  return `${JSON.stringify({ version: 4, terraform_version: "1.11.0", serial: 1, lineage: "0f0e0d0c-0b0a-4908-8706-050403020100", outputs: {}, resources }, null, 2)}\n`;
}
