/**
 * Terraform's JSON configuration syntax (what cdktf synthesizes, and what we
 * plan and apply) written as HCL native syntax, for `npm run export:hcl`.
 *
 * Why our own: `cdktf synth --hcl` (cdktf 0.21.0) writes invalid HCL for any
 * string that holds both quotes and a reference, such as every IAM policy
 * naming a resource's ARN (hashicorp/terraform-cdk#3911, open; measured: 6 of
 * our 7 stacks fail `terraform validate`). JSON does not say whether an
 * object is a nested block or an attribute of object type; the provider
 * schema does, so the conversion takes it (provider-schemas.ts).
 *
 * Each JSON string is already a Terraform template in JSON syntax, so it
 * becomes the same template in a quoted HCL string: quotes, backslashes and
 * control characters of its literal parts are escaped, its `${...}` and
 * `%{...}` sequences are kept as written. Meta-arguments that JSON writes as
 * strings but HCL wants as bare references (depends_on, provider,
 * lifecycle.ignore_changes, import.to, moved.from/to) are written bare.
 */

/** Which names of a block are nested blocks (with their own schema); every other name is an attribute. */
export interface BlockSchema {
  readonly blockTypes: Readonly<Record<string, BlockSchema>>;
}

/** Schemas by kind and type name ("aws_s3_bucket"), and the provider's own. */
export interface SchemaLookup {
  resource(type: string): BlockSchema | undefined;
  data(type: string): BlockSchema | undefined;
  provider(name: string): BlockSchema | undefined;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const NO_BLOCKS: BlockSchema = { blockTypes: {} };
const INDENT = "  ";

/** cdktf's own bookkeeping ("//": metadata and stack traces): not configuration. */
const isMetadata = (key: string) => key === "//";

export class UnknownSchemaError extends Error {}

/** The whole configuration of one stack as HCL. Throws UnknownSchemaError for a type the schemas do not have. */
export function terraformJsonToHcl(config: JsonObject, schemas: SchemaLookup): string {
  const out: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (isMetadata(key)) continue;
    switch (key) {
      case "terraform":
        out.push(renderTerraformBlock(asObject(value, key)));
        break;
      case "provider":
        for (const [name, bodies] of Object.entries(asObject(value, key))) {
          for (const body of asList(bodies)) out.push(block(["provider", name], asObject(body, `provider.${name}`), schemaOr(schemas.provider(name), `provider ${name}`), 0));
        }
        break;
      case "resource":
      case "data":
        for (const [type, byName] of Object.entries(asObject(value, key))) {
          const schema = key === "resource" ? schemas.resource(type) : type === "terraform_remote_state" ? NO_BLOCKS : schemas.data(type);
          for (const [name, body] of Object.entries(asObject(byName, `${key}.${type}`))) {
            out.push(block([key, type, name], asObject(body, `${key}.${type}.${name}`), schemaOr(schema, `${key} ${type}`), 0, RESOURCE_META));
          }
        }
        break;
      case "output":
      case "variable":
        for (const [name, body] of Object.entries(asObject(value, key))) out.push(block([key, name], asObject(body, `${key}.${name}`), NO_BLOCKS, 0, OUTPUT_META));
        break;
      case "locals":
        for (const locals of asList(value)) out.push(`locals {\n${attributes(asObject(locals, key), 1)}}\n`);
        break;
      case "import":
        for (const body of asList(value)) out.push(block(["import"], asObject(body, key), NO_BLOCKS, 0, IMPORT_META));
        break;
      case "moved":
        for (const body of asList(value)) out.push(block(["moved"], asObject(body, key), NO_BLOCKS, 0, MOVED_META));
        break;
      default:
        throw new Error(`top-level "${key}" is not part of Terraform's JSON configuration syntax that this export knows`);
    }
  }
  return out.join("\n");
}

/** How a meta-argument is written: as a bare reference, or a list of them. */
type Meta = Readonly<Record<string, "reference" | "references" | "lifecycle">>;
const RESOURCE_META: Meta = { depends_on: "references", provider: "reference", lifecycle: "lifecycle" };
const OUTPUT_META: Meta = { depends_on: "references" };
const IMPORT_META: Meta = { to: "reference", provider: "reference" };
const MOVED_META: Meta = { from: "reference", to: "reference" };

function renderTerraformBlock(terraform: JsonObject): string {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(terraform)) {
    if (isMetadata(key)) continue;
    if (key === "backend") {
      for (const [type, body] of Object.entries(asObject(value, "terraform.backend"))) {
        lines.push(block(["backend", type], asObject(body, `terraform.backend.${type}`), NO_BLOCKS, 1).trimEnd());
      }
    } else if (key === "required_providers") {
      lines.push(`${INDENT}required_providers {\n${attributes(asObject(value, key), 2)}${INDENT}}`);
    } else {
      lines.push(`${INDENT}${key} = ${expression(value, 1)}`);
    }
  }
  return `terraform {\n${lines.join("\n")}\n}\n`;
}

function block(labels: readonly string[], body: JsonObject, schema: BlockSchema, depth: number, meta: Meta = {}): string {
  const pad = INDENT.repeat(depth);
  const [keyword, ...rest] = labels;
  const head = [keyword, ...rest.map((l) => quoted(l))].join(" ");
  const inner: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (isMetadata(key) || value === undefined) continue;
    const how = meta[key];
    if (how === "lifecycle") {
      inner.push(lifecycle(asObject(value, key), depth + 1));
    } else if (how === "reference") {
      inner.push(`${pad}${INDENT}${key} = ${bareReference(value)}`);
    } else if (how === "references") {
      inner.push(`${pad}${INDENT}${key} = [${asList(value).map(bareReference).join(", ")}]`);
    } else if (key in schema.blockTypes) {
      for (const nested of asList(value)) {
        if (nested === null) continue;
        inner.push(block([key], asObject(nested, key), schema.blockTypes[key]!, depth + 1).trimEnd());
      }
    } else {
      inner.push(`${pad}${INDENT}${attributeName(key)} = ${expression(value, depth + 1)}`);
    }
  }
  return inner.length === 0 ? `${pad}${head} {}\n` : `${pad}${head} {\n${inner.join("\n")}\n${pad}}\n`;
}

function lifecycle(body: JsonObject, depth: number): string {
  const pad = INDENT.repeat(depth);
  const lines = Object.entries(body).map(([key, value]) => {
    // ignore_changes and replace_triggered_by name attributes and resources, bare in HCL ("all" is a keyword there too).
    if ((key === "ignore_changes" || key === "replace_triggered_by") && Array.isArray(value)) {
      return `${pad}${INDENT}${key} = [${value.map(bareReference).join(", ")}]`;
    }
    if (key === "ignore_changes" && value === "all") return `${pad}${INDENT}${key} = all`;
    return `${pad}${INDENT}${key} = ${expression(value, depth + 1)}`;
  });
  return `${pad}lifecycle {\n${lines.join("\n")}\n${pad}}`;
}

function attributes(body: JsonObject, depth: number): string {
  const pad = INDENT.repeat(depth);
  return Object.entries(body)
    .filter(([key]) => !isMetadata(key))
    .map(([key, value]) => `${pad}${attributeName(key)} = ${expression(value, depth)}\n`)
    .join("");
}

/** A value in expression position: JSON strings are templates, objects are object constructors. */
export function expression(value: Json, depth: number): string {
  if (value === null) return "null";
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  if (typeof value === "string") return template(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((v) => expression(v, depth + 1));
    const oneLine = `[${items.join(", ")}]`;
    if (oneLine.length <= 100 && !oneLine.includes("\n")) return oneLine;
    const pad = INDENT.repeat(depth + 1);
    return `[\n${items.map((i) => `${pad}${i},`).join("\n")}\n${INDENT.repeat(depth)}]`;
  }
  const entries = Object.entries(value).filter(([key]) => !isMetadata(key));
  if (entries.length === 0) return "{}";
  const pad = INDENT.repeat(depth + 1);
  return `{\n${entries.map(([k, v]) => `${pad}${objectKey(k)} = ${expression(v, depth + 1)}`).join("\n")}\n${INDENT.repeat(depth)}}`;
}

/** A JSON-syntax template string as a quoted HCL template: literal text escaped, interpolations and directives as written. */
export function template(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const two = text.slice(i, i + 2);
    if (two === "$${" || two === "%%{") {
      // Already escaped sequences mean the same in both syntaxes.
      out += text.slice(i, i + 3);
      i += 3;
    } else if (two === "${" || two === "%{") {
      const end = closingBrace(text, i + 2);
      out += text.slice(i, end + 1);
      i = end + 1;
    } else {
      out += escapeLiteral(text[i]!);
      i += 1;
    }
  }
  return `"${out}"`;
}

/** Index of the `}` that closes an interpolation whose body starts at `from`; quoted strings and nested braces inside are skipped. */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      i = closingQuote(text, i + 1);
    } else if (c === "{") {
      depth++;
    } else if (c === "}") {
      if (depth === 0) return i;
      depth--;
    }
    i++;
  }
  throw new Error(`unterminated interpolation in ${JSON.stringify(text)}`);
}

/** Index of the `"` that closes a string inside an interpolation; its own interpolations are skipped. */
function closingQuote(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\\") i += 2;
    else if (c === '"') return i;
    else if (text.startsWith("${", i)) i = closingBrace(text, i + 2) + 1;
    else i++;
  }
  throw new Error(`unterminated string in an interpolation of ${JSON.stringify(text)}`);
}

function escapeLiteral(c: string): string {
  switch (c) {
    case "\\":
      return "\\\\";
    case '"':
      return '\\"';
    case "\n":
      return "\\n";
    case "\r":
      return "\\r";
    case "\t":
      return "\\t";
    default: {
      const code = c.charCodeAt(0);
      return code < 0x20 ? `\\u${code.toString(16).padStart(4, "0")}` : c;
    }
  }
}

/** "aws_s3_bucket.x" or "${aws_s3_bucket.x}" -> aws_s3_bucket.x (JSON writes references as strings). */
function bareReference(value: Json): string {
  if (typeof value !== "string") throw new Error(`expected a reference, got ${JSON.stringify(value)}`);
  const inner = /^\$\{(.*)\}$/s.exec(value)?.[1] ?? value;
  if (!/^[A-Za-z_][\w.\-[\]"]*$/.test(inner)) throw new Error(`${JSON.stringify(value)} is not a reference Terraform accepts here`);
  return inner;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const attributeName = (key: string) => {
  if (!IDENTIFIER.test(key)) throw new Error(`${JSON.stringify(key)} cannot be an attribute name in HCL`);
  return key;
};
const objectKey = (key: string) => (IDENTIFIER.test(key) ? key : template(key));
const quoted = (label: string) => JSON.stringify(label);

function schemaOr(schema: BlockSchema | undefined, what: string): BlockSchema {
  if (schema === undefined) throw new UnknownSchemaError(`${what}: not in the provider schemas (is the provider initialized?)`);
  return schema;
}

function asObject(value: Json | undefined, where: string): JsonObject {
  if (value === null || value === undefined || typeof value !== "object" || Array.isArray(value)) throw new Error(`${where}: expected an object`);
  return value;
}

function asList(value: Json | undefined): Json[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
