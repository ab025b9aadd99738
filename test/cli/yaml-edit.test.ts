/** The YAML writer keeps everything it does not change, byte for byte, and falls back to a correct rendering. */
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { editYaml, newYamlFile } from "../../cli/yaml-edit.ts";

describe("editYaml", () => {
  const file = [
    "# header comment",
    "",
    "name: legacy      # aligned comment",
    "title: 'Acme Legacy'",
    "ou: workloads",
    "",
    "# a comment before the list",
    "accounts:",
    "- a",
    "- b   # after b",
    "flow: [x, y]",
    "# trailing comment",
    "",
  ].join("\n");

  it("changes a value in place, keeping the line's comment, quotes elsewhere, blank lines", () => {
    expect(editYaml(file, [{ kind: "set", key: "name", value: "legacy2" }])).toBe(file.replace("name: legacy", "name: legacy2"));
  });

  it("replaces the trailing comment when asked, and quotes what needs quoting", () => {
    const out = editYaml(file, [
      { kind: "set", key: "ou", value: "suspended", comment: "retired; was workloads" },
      { kind: "set", key: "title", value: "Acme: Legacy" },
    ]);
    expect(out).toBe(file.replace("ou: workloads", "ou: suspended # retired; was workloads").replace("title: 'Acme Legacy'", 'title: "Acme: Legacy"'));
  });

  it("adds a new field at the end, an id in double quotes", () => {
    expect(editYaml(file, [{ kind: "set", key: "account_id", value: "012345678901", quote: true }])).toBe(`${file}account_id: "012345678901"\n`);
    expect(parse(editYaml("a: 1", [{ kind: "set", key: "b", value: "123" }]))).toEqual({ a: 1, b: "123" });
  });

  it("appends to block and flow lists in their own style", () => {
    const out = editYaml(file, [
      { kind: "append", key: "accounts", item: "c" },
      { kind: "append", key: "flow", item: "z" },
    ]);
    expect(out).toBe(file.replace("- b   # after b", "- b   # after b\n- c").replace("flow: [x, y]", "flow: [x, y, z]"));
    expect(editYaml("accounts: []\n", [{ kind: "append", key: "accounts", item: "a" }])).toBe("accounts: [a]\n");
  });

  it("falls back to rendering the document when a splice cannot express the edit (the data is always right)", () => {
    const nested = "accounts:\n  - a\n  - b: 1\n";
    const out = editYaml(nested, [{ kind: "append", key: "accounts", item: "c" }]);
    expect(parse(out)).toEqual({ accounts: ["a", { b: 1 }, "c"] });
  });
});

it("newYamlFile writes comments, then the fields in order", () => {
  expect(
    newYamlFile(
      ["one", "two"],
      [
        ["name", "x"],
        ["account_id", "000000000001", true],
        ["title", "No: colon"],
      ],
    ),
  ).toBe('# one\n# two\nname: x\naccount_id: "000000000001"\ntitle: "No: colon"\n');
});
