/**
 * The way out of cdktf stays open: `npm run export:hcl` writes every stack
 * as plain HCL, the real Terraform with the real hashicorp/aws provider
 * validates each folder as an ordinary configuration (offline: the provider
 * mirror, no AWS), and HashiCorp's own HCL parser (@cdktf/hcl2json) reads
 * back every string exactly as the JSON synth has it: the policies with
 * quotes and references that `cdktf synth --hcl` gets wrong.
 */
import { parse } from "@cdktf/hcl2json";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config/load.ts";
import { validateStacks, type StackValidateResult } from "../../engine/verify-stacks.ts";
import { buildAllStacks } from "../../stacks/all-stacks.ts";
import { stackEntries } from "../../stacks/registry.ts";
import { synthesizeOrThrow } from "../../stacks/synthesize.ts";
import { EXAMPLE_CONFIG, REPO_ROOT } from "../helpers/example-config.ts";

const scratch = mkdtempSync(join(tmpdir(), "export-hcl-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function exportHcl(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "cli/export-hcl.ts", ...args], { cwd: REPO_ROOT, encoding: "utf8" });
}

type Blocks = Record<string, Record<string, Record<string, unknown>[] | Record<string, unknown>>>;

describe("npm run export:hcl", () => {
  let run: ReturnType<typeof exportHcl>;
  let results: StackValidateResult[];
  const output = join(scratch, "hcl");
  const ids = stackEntries(loadConfig({ configDir: EXAMPLE_CONFIG })).map((e) => e.id);
  beforeAll(async () => {
    run = exportHcl("--output", output);
    const stacks = existsSync(join(output, "stacks")) ? readdirSync(join(output, "stacks")) : [];
    results = await validateStacks(
      stacks.map((s) => join(output, "stacks", s)),
      { workRoot: join(scratch, "work"), cliConfigDir: join(scratch, "cli") },
    );
  });

  it("writes every stack of the registry as HCL, and says where", () => {
    expect(run.status, run.stderr).toBe(0);
    expect(results.map((r) => r.stack).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect(run.stdout).toContain(`${id}: `);
      const hcl = readFileSync(join(output, "stacks", id, "main.tf"), "utf8");
      expect(hcl).toMatch(/^resource "aws_[a-z0-9_]+" "[^"]+" \{$/m);
    }
  });

  it("passes terraform validate in every folder", () => {
    const failed = results.filter((r) => !r.valid).map((r) => `${r.stack}: ${r.error}`);
    expect(failed).toEqual([]);
  });

  it("reads back, through HashiCorp's HCL parser, every resource, data source and output, and every string exactly as synthesized", async () => {
    const { stackDirs } = synthesizeOrThrow({ configDir: EXAMPLE_CONFIG, outdir: join(scratch, "json") }, buildAllStacks);
    let strings = 0;
    for (const dir of stackDirs) {
      const id = dir.split("/").at(-1)!;
      const json = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as Record<string, Blocks>;
      const hcl = (await parse("main.tf", readFileSync(join(output, "stacks", id, "main.tf"), "utf8"))) as Record<string, Blocks>;
      for (const kind of ["resource", "data", "output"] as const) {
        const names = (c: Record<string, Blocks>) =>
          kind === "output"
            ? Object.keys(c.output ?? {}).sort()
            : Object.entries(c[kind] ?? {})
                .flatMap(([t, byName]) => Object.keys(byName).map((n) => `${t}.${n}`))
                .sort();
        expect(names(hcl), `${id} ${kind}`).toEqual(names(json));
      }
      for (const [type, byName] of Object.entries(json.resource ?? {})) {
        for (const [name, body] of Object.entries(byName)) {
          const parsed = (hcl.resource![type]![name] as Record<string, unknown>[])[0]!;
          for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
            if (typeof value !== "string" || ["provider"].includes(key)) continue;
            expect(parsed[key], `${id} ${type}.${name}.${key}`).toBe(value);
            strings++;
          }
        }
      }
    }
    // The policies with quotes and references are among them.
    expect(strings).toBeGreaterThan(200);
  });

  it("refuses an unknown option with its usage (exit 2), and a folder it did not write (exit 1), writing nothing", () => {
    const bad = exportHcl("--outptu", "x");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("usage: npm run export:hcl [-- --output <dir>]");
    const mine = join(scratch, "not-an-export");
    mkdirSync(mine);
    writeFileSync(join(mine, "notes.txt"), "keep me");
    const refused = exportHcl("--output", mine);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("exists and was not written by export:hcl; nothing was written");
    expect(readdirSync(mine)).toEqual(["notes.txt"]);
  });
});
