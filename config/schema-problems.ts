/** Turns zod issues into located, actionable problems. */
import { isScalar } from "yaml";
import { z } from "zod";
import { type Problem } from "./problems.ts";
import { problemAt, type SourceFile } from "./source.ts";
import { isAwsRegion, otherPartitionOf } from "./regions.ts";
import { closest } from "./suggest.ts";

type Issue = z.core.$ZodIssue;

export function schemaProblems(source: SourceFile, schema: z.ZodType, issues: readonly Issue[]): Problem[] {
  // One problem per field: "too short" and "not an email" about the same value say the same thing twice.
  const seen = new Set<string>();
  const first = issues.filter((issue) => {
    const key = issue.code === "unrecognized_keys" ? `${issue.path.join(".")}:${issue.keys.join()}` : issue.path.join(".");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return first.flatMap((issue) => issueProblems(source, schema, issue));
}

function issueProblems(source: SourceFile, schema: z.ZodType, issue: Issue): Problem[] {
  const path = issue.path;
  const value = valueAt(source.data, path);
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeys(schemaAt(schema, path));
      return issue.keys.map((key) => {
        const guess = closest(key, known);
        const hint = guess ? `did you mean ${guess}?` : `known fields: ${known.join(", ")}`;
        return problemAt(source, [...path, key], `is not a known field (${hint})`, true);
      });
    }
    case "invalid_type": {
      if (value === undefined) return [problemAt(source, path, `is required (add ${String(path.at(-1))}: to this file)`)];
      if (issue.expected === "string" && (typeof value === "number" || typeof value === "boolean")) {
        const raw = sourceText(source, path) ?? String(value);
        return [problemAt(source, path, `${raw} is read by YAML as a ${typeof value}, not text (write it in quotes: "${raw}")`)];
      }
      if (issue.expected === "string" && Array.isArray(value)) {
        return [problemAt(source, path, `is a list but takes one value (pick one)`)];
      }
      return [problemAt(source, path, `must be ${article(issue.expected)}, not ${describe(value)} (${typeAdvice(issue.expected)})`)];
    }
    case "invalid_value": {
      const allowed = issue.values.map(String);
      const partition = typeof value === "string" && allowed.some(isAwsRegion) ? otherPartitionOf(value) : undefined;
      if (partition !== undefined) {
        return [
          problemAt(
            source,
            path,
            `${JSON.stringify(value)} is a region of ${partition.name} (partition ${partition.partition}), not of the commercial partition (aws) this organization is in, which cannot use it (pick a commercial region such as ${allowed.includes("eu-west-1") ? "eu-west-1 or us-east-1" : allowed[0]})`,
          ),
        ];
      }
      const guess = typeof value === "string" ? closest(value, allowed) : undefined;
      const hint = guess ? `did you mean ${guess}?` : allowed.length <= 10 ? `use one of ${allowed.join(", ")}` : "check the spelling";
      return [problemAt(source, path, `${JSON.stringify(value)} ${issue.message} (${hint})`)];
    }
    case "too_small":
      if (Array.isArray(value)) return [problemAt(source, path, `is empty (list at least ${String(issue.minimum)})`)];
      return [problemAt(source, path, withValue(value, issue.message))];
    default:
      return [problemAt(source, path, withValue(value, issue.message))];
  }
}

function withValue(value: unknown, message: string): string {
  return typeof value === "string" ? `${JSON.stringify(value)} ${message}` : message;
}

function typeAdvice(type: string): string {
  if (type === "object") return "write one field per line, as name: value; see the example config";
  if (type === "array") return "write a list: [a, b] or one - item per line";
  if (type === "number") return "write a number such as 10, without quotes";
  if (type === "boolean") return "write true or false";
  return "write a single value";
}

function article(type: string): string {
  if (type === "object") return "a mapping (key: value lines)";
  if (type === "array") return "a list";
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(value: unknown): string {
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** The value as written in the file: YAML turns 012345678901 into 12345678901. */
function sourceText(source: SourceFile, path: readonly PropertyKey[]): string | undefined {
  const node = source.doc.getIn(path as PropertyKey[] as (string | number)[], true);
  return isScalar(node) && typeof node.source === "string" ? node.source : undefined;
}

export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = data;
  for (const seg of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[seg];
  }
  return node;
}

/** The sub-schema that describes the value at `path`, looking through optional/default/record/array. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType {
  let current = unwrap(schema);
  for (const seg of path) {
    if (current instanceof z.ZodObject) current = unwrap(current.shape[String(seg)] as z.ZodType);
    else if (current instanceof z.ZodRecord) current = unwrap(current.valueType as z.ZodType);
    else if (current instanceof z.ZodArray) current = unwrap(current.element as z.ZodType);
    else return current;
  }
  return current;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s;
}

function knownKeys(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}
