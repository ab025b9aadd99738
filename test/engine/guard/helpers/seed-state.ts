/**
 * A Terraform state (format v4) holding a stack's resources as if it had been
 * applied, built from the stack's own first plan: the planned values, with
 * what only AWS would know (ids, ARNs, the organization's root) filled with
 * fakes, and attributes that reference those filled the way the
 * configuration's expressions say. A few more plans against the seeded
 * state settle the rest (the caller loops until nothing changes).
 */
import { createHash } from "node:crypto";

type Json = Record<string, unknown>;

interface PlanResourceChange {
  address: string;
  mode: string;
  type: string;
  name: string;
  index?: unknown;
  change: { actions: string[]; after?: Json | null; after_unknown?: Json };
}

interface ConfigResource {
  address: string;
  provider_config_key?: string;
  expressions?: Record<string, { references?: string[] } | unknown>;
}

export interface PlanJson {
  resource_changes?: PlanResourceChange[];
  planned_values?: { root_module?: { resources?: { address: string; schema_version?: number }[] } };
  configuration?: { root_module?: { resources?: ConfigResource[] } };
}

export interface SeedResource {
  readonly type: string;
  readonly name: string;
  /** `provider["registry.terraform.io/hashicorp/aws"]` or with `.alias` */
  readonly provider: string;
  readonly schemaVersion: number;
  readonly attributes: Json;
}

const MANAGEMENT_ACCOUNT = "111111111111";

function digits(text: string, count: number): string {
  const hex = createHash("sha256").update(text).digest("hex");
  return BigInt(`0x${hex}`).toString().slice(0, count);
}

/** What AWS would have answered for an id-like attribute. */
function fakeValue(type: string, name: string, attribute: string, known: Json): unknown {
  const short = digits(`${type}.${name}`, 8);
  if (attribute === "id") {
    if (type.startsWith("aws_s3_bucket")) return typeof known.bucket === "string" ? known.bucket : `fake-${name}`;
    if (type === "aws_organizations_account") return `9${digits(name, 11)}`;
    if (type === "aws_organizations_organizational_unit") return `ou-fake-${short}`;
    if (type === "aws_organizations_organization") return "o-fake000001";
    if (type === "aws_organizations_policy") return `p-fake${short}`;
    return `fake-${type}-${name}`;
  }
  if (attribute === "arn") return `arn:aws:fake:eu-west-1:${MANAGEMENT_ACCOUNT}:${type}/${name}`;
  if (attribute === "roots" && type === "aws_organizations_organization") {
    return [{ arn: `arn:aws:organizations::${MANAGEMENT_ACCOUNT}:root/o-fake000001/r-fake`, id: "r-fake", name: "Root", policy_types: [{ status: "ENABLED", type: "SERVICE_CONTROL_POLICY" }] }];
  }
  if (attribute === "master_account_id") return MANAGEMENT_ACCOUNT;
  if (attribute === "group_id" && type === "aws_identitystore_group") return `${short}-0000-4000-8000-${digits(name, 12)}`;
  // Computed lists the provider plans as unknown while they are null in state.
  if (attribute === "accounts" || attribute === "non_master_accounts") return [];
  if (attribute === "external_ids" && type === "aws_identitystore_group") return [];
  return undefined;
}

/** `aws_x.y.attr[0].id` -> ["aws_x.y", ["attr", 0, "id"]] */
function splitReference(reference: string): [string, (string | number)[]] | undefined {
  const m = /^([a-z0-9_]+\.[A-Za-z0-9_-]+)\.(.+)$/.exec(reference);
  if (!m) return undefined;
  const path: (string | number)[] = [];
  for (const part of m[2]!.split(".")) {
    const p = /^([A-Za-z0-9_-]+)((?:\[\d+\])*)$/.exec(part);
    if (!p) return undefined;
    path.push(p[1]!);
    for (const i of p[2]!.matchAll(/\[(\d+)\]/g)) path.push(Number(i[1]));
  }
  return [m[1]!, path];
}

function at(value: unknown, path: readonly (string | number)[]): unknown {
  let v = value;
  for (const p of path) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

function providerAddress(configKey: string | undefined): string {
  const [, alias] = (configKey ?? "aws").split(".");
  return `provider["registry.terraform.io/hashicorp/aws"]${alias ? `.${alias}` : ""}`;
}

/**
 * Resources from a plan: planned values where known, fakes or resolved
 * references where not; `previous` (the state planned against) wins for
 * anything still unknown, so ids stay stable across rounds.
 */
export function resourcesFromPlan(plan: PlanJson, previous: ReadonlyMap<string, SeedResource> = new Map()): Map<string, SeedResource> {
  const configs = new Map((plan.configuration?.root_module?.resources ?? []).map((r) => [r.address, r]));
  const schemaVersions = new Map((plan.planned_values?.root_module?.resources ?? []).map((r) => [r.address, r.schema_version ?? 0]));
  const result = new Map<string, SeedResource>(previous);
  const pending: { rc: PlanResourceChange; attributes: Json; unknown: string[] }[] = [];

  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode !== "managed") continue;
    if (rc.index !== undefined) throw new Error(`${rc.address}: count/for_each resources are not supported by the seed`);
    if (rc.change.actions.includes("delete") && !rc.change.actions.includes("create")) {
      result.delete(rc.address);
      continue;
    }
    if (rc.change.actions.length === 1 && (rc.change.actions[0] === "no-op" || rc.change.actions[0] === "read")) continue;
    const before = previous.get(rc.address)?.attributes ?? {};
    const attributes: Json = { ...(rc.change.after ?? {}) };
    const unknown = Object.entries(rc.change.after_unknown ?? {})
      .filter(([, v]) => v === true)
      .map(([k]) => k);
    for (const key of unknown) {
      if (before[key] !== undefined && before[key] !== null) attributes[key] = before[key];
      else delete attributes[key];
    }
    pending.push({ rc, attributes, unknown: unknown.filter((k) => attributes[k] === undefined) });
    result.set(rc.address, {
      type: rc.type,
      name: rc.name,
      provider: providerAddress(configs.get(rc.address)?.provider_config_key),
      schemaVersion: schemaVersions.get(rc.address) ?? 0,
      attributes,
    });
  }

  // Fill in dependency order: repeat while something new could be resolved.
  for (let progress = true; progress;) {
    progress = false;
    for (const item of pending) {
      for (const key of [...item.unknown]) {
        const expression = configs.get(item.rc.address)?.expressions?.[key] as { references?: string[] } | undefined;
        const reference = expression?.references?.[0];
        let value: unknown;
        if (reference !== undefined) {
          const split = splitReference(reference);
          if (split) value = at(result.get(split[0])?.attributes, split[1]);
        } else {
          value = fakeValue(item.rc.type, item.rc.name, key, item.attributes);
        }
        if (value === undefined) continue;
        item.attributes[key] = value;
        item.unknown.splice(item.unknown.indexOf(key), 1);
        progress = true;
      }
    }
  }
  return result;
}

export function stateJson(resources: ReadonlyMap<string, SeedResource>, serial: number): string {
  return JSON.stringify(
    {
      version: 4,
      terraform_version: "1.11.4",
      serial,
      lineage: "6f1c3a52-0000-4000-8000-000000005eed",
      outputs: {},
      resources: [...resources.values()].map((r) => ({
        mode: "managed",
        type: r.type,
        name: r.name,
        provider: r.provider,
        instances: [{ schema_version: r.schemaVersion, attributes: r.attributes, sensitive_attributes: [] }],
      })),
      check_results: null,
    },
    null,
    2,
  );
}

/** Addresses a plan would still change (anything but no-op/read), with their actions. */
export function pendingChanges(plan: PlanJson): string[] {
  return (plan.resource_changes ?? [])
    .filter((rc) => rc.mode === "managed" && !(rc.change.actions.length === 1 && ["no-op", "read"].includes(rc.change.actions[0]!)))
    .map((rc) => `${rc.address} ${JSON.stringify(rc.change.actions)}`);
}
