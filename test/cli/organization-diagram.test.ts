/**
 * The README's picture of the organization: parsed by the real Mermaid
 * parser (mermaid under jsdom, as a browser would run it), generated from
 * config, and stale the moment config changes.
 */
import { JSDOM } from "jsdom";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { organizationDiagram } from "../../cli/docs/organization-diagram.ts";
import { loadConfig } from "../../config/load.ts";
import { copyReadmes, EXAMPLE_CONFIG, REPO_ROOT, tempRepo, type TempRepo } from "../helpers/example-config.ts";
import { session } from "./harness.ts";

type Mermaid = { parse(text: string): Promise<{ diagramType: string }> };
let mermaid: Mermaid;
beforeAll(async () => {
  const dom = new JSDOM("<!doctype html><html><body></body></html>");
  Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  mermaid = (await import("mermaid")).default as unknown as Mermaid;
});

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const committedDiagram = () => /```mermaid\n([\s\S]*?)\n```/.exec(readFileSync(join(REPO_ROOT, "README.md"), "utf8"))?.[1];

describe("the organization diagram", () => {
  it("in the README parses as a Mermaid flowchart", async () => {
    const text = committedDiagram();
    expect(text, "README.md has no ```mermaid block").toBeDefined();
    expect((await mermaid.parse(text!)).diagramType).toBe("flowchart-v2");
  });

  it("is a parse error when broken, so the parse above can fail", async () => {
    await expect(mermaid.parse(`${committedDiagram()!}\n  subgraph`)).rejects.toThrow(/Parse error/);
  });

  it("shows every OU, account and stack, where each stack deploys, the order and the promotion refs", () => {
    const text = organizationDiagram(loadConfig({ configDir: EXAMPLE_CONFIG }));
    for (const ou of ["security", "core", "workloads", "nonprod", "production", "suspended"]) expect(text).toContain(`subgraph ou_${ou}["OU ${ou}"]`);
    expect(text).toMatch(/subgraph ou_workloads[\s\S]*subgraph ou_production[\s\S]*account_prod\["prod \(environment prod\)"\][\s\S]*end[\s\S]*end/);
    expect(text).toContain('account_org["org (management)"]');
    expect(text).toContain("stack_dns -. deploys into .-> account_dns");
    expect(text).toContain("stack_app_prod -. deploys into .-> account_prod");
    expect(text).toContain("stack_org ==> stack_dns");
    expect(text).toContain('ref_refs_tags_v_(["git refs/tags/v* (commit on main)"]) -- promotes --> stack_app_prod');
  });

  it("goes stale with the config: a new account makes docs --check fail, and docs redraws it", async () => {
    repo = tempRepo();
    copyReadmes(repo);
    repo.edit("organization.yaml", "legacy]", "legacy, sandbox]");
    repo.write("accounts/sandbox.yaml", "name: sandbox\ntitle: Acme Sandbox\nemail: aws-sandbox@example.com\nou: nonprod\n");
    const check = session(repo);
    expect(await check.cli("docs", "--check")).toBe(1);
    expect(check.err.join("\n")).toContain("README.md: not what config/ generates");
    expect(await session(repo).cli("docs")).toBe(0);
    const redrawn = /```mermaid\n([\s\S]*?)\n```/.exec(readFileSync(join(repo.root, "README.md"), "utf8"))![1]!;
    expect(redrawn).toMatch(/subgraph ou_nonprod\["OU nonprod"\]\n\s+account_dev\["dev \(environment dev\)"\]\n\s+account_sandbox\["sandbox"\]/);
    expect((await mermaid.parse(redrawn)).diagramType).toBe("flowchart-v2");
  });
});
