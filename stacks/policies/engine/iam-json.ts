/**
 * Reading IAM-style policy documents (identity, trust and bucket policies) out
 * of synthesized attributes. They are literal JSON strings when built with
 * stacks/policy-document.ts; references inside them stay `${...}` text,
 * which is fine for every check here.
 */
import { strings } from "./rule.ts";

export interface Principals {
  /** `"Principal": "*"` or a `*` among the AWS principals. */
  readonly anyone: boolean;
  readonly aws: readonly string[];
  readonly service: readonly string[];
  readonly federated: readonly string[];
}

export interface Statement {
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  readonly principals: Principals;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  /** operator -> condition key -> values, values always as strings */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export type ParsedPolicy = { readonly statements: readonly Statement[] } | { readonly error: string };

export const LITERAL_POLICY_HINT = "build it as literal JSON with policyDocument() from stacks/policy-document.ts so it can be checked at synth time";

export function parsePolicy(text: unknown): ParsedPolicy {
  if (typeof text !== "string") return { error: "is not a literal JSON string" };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { error: "is not literal JSON" };
  }
  if (typeof doc !== "object" || doc === null) return { error: "is not a JSON object" };
  const raw = (doc as { Statement?: unknown }).Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return { statements: list.filter((s): s is Record<string, unknown> => typeof s === "object" && s !== null).map(statement) };
}

function statement(s: Record<string, unknown>): Statement {
  return {
    ...(typeof s.Sid === "string" && { sid: s.Sid }),
    effect: s.Effect === "Deny" ? "Deny" : "Allow",
    principals: principals(s.Principal),
    actions: strings(s.Action),
    notActions: strings(s.NotAction),
    resources: strings(s.Resource),
    notResources: strings(s.NotResource),
    conditions: conditions(s.Condition),
  };
}

function principals(p: unknown): Principals {
  if (p === "*") return { anyone: true, aws: ["*"], service: [], federated: [] };
  if (typeof p !== "object" || p === null) return { anyone: false, aws: [], service: [], federated: [] };
  const o = p as Record<string, unknown>;
  const aws = strings(o.AWS);
  return { anyone: aws.includes("*"), aws, service: strings(o.Service), federated: strings(o.Federated) };
}

function conditions(c: unknown): Record<string, Record<string, string[]>> {
  if (typeof c !== "object" || c === null) return {};
  const out: Record<string, Record<string, string[]>> = {};
  for (const [operator, keys] of Object.entries(c as Record<string, unknown>)) {
    if (typeof keys !== "object" || keys === null) continue;
    out[operator] = {};
    for (const [key, values] of Object.entries(keys as Record<string, unknown>)) {
      out[operator]![key] = (Array.isArray(values) ? values : [values]).map(String);
    }
  }
  return out;
}

/** Values of a condition key under one of the given operators (keys compare case-insensitively, as IAM does). */
export function conditionValues(s: Statement, operators: readonly string[], keyMatches: (key: string) => boolean): string[] {
  const values: string[] = [];
  for (const [operator, keys] of Object.entries(s.conditions)) {
    if (!operators.includes(operator)) continue;
    for (const [key, v] of Object.entries(keys)) if (keyMatches(key.toLowerCase())) values.push(...v);
  }
  return values;
}

/** `*` or `*:*`: every action of every service. */
export function isEveryAction(action: string): boolean {
  return action === "*" || action === "*:*";
}
