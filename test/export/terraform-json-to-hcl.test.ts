/** The JSON-to-HCL writer on the cases that break naive escaping, read back by HashiCorp's HCL parser. */
import { parse } from "@cdktf/hcl2json";
import { describe, expect, it } from "vitest";
import { template, terraformJsonToHcl, UnknownSchemaError, type SchemaLookup } from "../../export/terraform-json-to-hcl.ts";

const SCHEMAS: SchemaLookup = {
  resource: (type) => (type === "aws_thing" ? { blockTypes: { rule: { blockTypes: {} } } } : undefined),
  data: () => undefined,
  provider: () => ({ blockTypes: { assume_role: { blockTypes: {} } } }),
};

async function roundTrip(value: string): Promise<unknown> {
  const hcl = terraformJsonToHcl({ resource: { aws_thing: { x: { name: value } } } }, SCHEMAS);
  const parsed = (await parse("main.tf", hcl)) as { resource: { aws_thing: { x: { name: unknown }[] } } };
  return parsed.resource.aws_thing.x[0]!.name;
}

describe("JSON strings become the same HCL templates", () => {
  it.each([
    ['{"Resource":"${aws_s3_bucket.b.arn}/*"}', "JSON with quotes around a reference"],
    ['${jsondecode(data.x.y)["key"]}', "a reference holding a quoted string"],
    ['${format("%s-${var.x}", "a")}', "nested interpolation inside a quoted string"],
    ["C:\\path\\to", "backslashes"],
    ["line one\nline two\ttab", "control characters"],
    ["literal $${not.a.reference} and %%{not a directive}", "escaped sequences"],
    ['%{for k in ["a", "b"]}${k}%{endfor}', "a directive with quotes"],
    ["", "the empty string"],
  ])("%s (%s)", async (value) => {
    expect(await roundTrip(value)).toBe(value);
  });

  it("escapes only the literal parts", () => {
    expect(template('a"b${c["d"]}')).toBe('"a\\"b${c["d"]}"');
  });
});

describe("blocks, attributes and meta-arguments", () => {
  it("writes schema blocks as blocks, objects as attributes, and references bare", async () => {
    const hcl = terraformJsonToHcl(
      {
        provider: { aws: [{ region: "eu-west-1", assume_role: [{ role_arn: "arn:aws:iam::111111111111:role/x" }], default_tags: [] }] },
        resource: {
          aws_thing: {
            x: {
              rule: [{ id: "a" }, { id: "b" }],
              tags: { "aws:odd key": "v", Name: "x" },
              provider: "aws.other",
              depends_on: ["aws_thing.y"],
              lifecycle: { prevent_destroy: true, ignore_changes: ["tags"] },
              "//": { metadata: { path: "ignored" } },
            },
          },
        },
        import: [{ to: "aws_thing.x", id: "abc" }],
        moved: [{ from: "aws_thing.old", to: "aws_thing.x" }],
      },
      SCHEMAS,
    );
    expect(hcl).toContain('  rule {\n    id = "a"\n  }\n  rule {\n    id = "b"\n  }');
    expect(hcl).toContain('  tags = {\n    "aws:odd key" = "v"\n    Name = "x"\n  }');
    expect(hcl).toContain("  provider = aws.other");
    expect(hcl).toContain("  depends_on = [aws_thing.y]");
    expect(hcl).toContain("    ignore_changes = [tags]");
    expect(hcl).toContain('import {\n  to = aws_thing.x\n  id = "abc"\n}');
    expect(hcl).toContain("moved {\n  from = aws_thing.old\n  to = aws_thing.x\n}");
    expect(hcl).not.toContain("ignored");
    const parsed = (await parse("main.tf", hcl)) as { provider: { aws: { assume_role: unknown[] }[] } };
    expect(parsed.provider.aws[0]!.assume_role).toEqual([{ role_arn: "arn:aws:iam::111111111111:role/x" }]);
  });

  it("refuses a type the schemas do not know, rather than guessing blocks", () => {
    expect(() => terraformJsonToHcl({ resource: { aws_unknown: { x: {} } } }, SCHEMAS)).toThrow(UnknownSchemaError);
  });
});
