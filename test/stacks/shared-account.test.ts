/**
 * Several unprotected environments in one account (Paco's guide: dev and
 * qa, or short-lived test environments, side by side): each keeps its own
 * app stack, state and resource names; the account's provider, zone
 * delegation and deploy roles are made once per environment, not once per
 * account.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAllStacks } from "../../stacks/all-stacks.ts";
import { synthesizeOrThrow } from "../../stacks/synthesize.ts";
import { tempDir } from "../engine/helpers.ts";
import { tempRepo, type TempRepo } from "../helpers/example-config.ts";

type Json = { resource?: Record<string, Record<string, Record<string, unknown>>>; terraform?: { backend?: Record<string, Record<string, unknown>> }; provider?: { aws?: Record<string, unknown>[] } };

let repo: TempRepo;
let out: ReturnType<typeof tempDir>;
const stacks = new Map<string, Json>();

beforeAll(() => {
  repo = tempRepo();
  repo.edit("organization.yaml", "  dev:\n    account: dev\n    branch: develop\n", "  dev:\n    account: dev\n    branch: develop\n  qa:\n    account: dev\n    branch: qa\n");
  out = tempDir("shared-account");
  const { stackDirs } = synthesizeOrThrow({ configDir: repo.configDir, outdir: out.dir }, buildAllStacks);
  for (const dir of stackDirs) stacks.set(dir.split(/[\\/]/).at(-1)!, JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as Json);
});
afterAll(() => {
  repo?.cleanup();
  out?.remove();
});

describe("two unprotected environments in one account", () => {
  it("each gets its own app stack with its own state, both in the shared account", () => {
    expect([...stacks.keys()].filter((id) => id.startsWith("app-"))).toEqual(["app-dev", "app-qa", "app-stage", "app-prod"]);
    const backend = (id: string) => JSON.stringify(stacks.get(id)!.terraform!.backend);
    expect(backend("app-dev")).toContain("app-dev.tfstate");
    expect(backend("app-qa")).toContain("app-qa.tfstate");
    const pinned = (id: string) => stacks.get(id)!.provider!.aws!.map((p) => p.allowed_account_ids);
    expect(pinned("app-qa")).toEqual(pinned("app-dev"));
  });

  it("names every resource after its environment, so nothing collides in the account", () => {
    const fn = (id: string) => Object.values(stacks.get(id)!.resource!.aws_lambda_function!)[0]!.function_name;
    const table = (id: string) => Object.values(stacks.get(id)!.resource!.aws_dynamodb_table!)[0]!.name;
    expect([fn("app-dev"), fn("app-qa")]).toEqual(["acme-dev-api", "acme-qa-api"]);
    expect([table("app-dev"), table("app-qa")]).toEqual(["acme-dev-items", "acme-qa-items"]);
  });

  it("delegates a zone per environment through one provider for the shared account, and makes a deploy role per environment", () => {
    const dns = stacks.get("dns")!;
    expect(Object.keys(dns.resource!.aws_route53_zone!).sort()).toEqual(["primary-zone", "zone-dev", "zone-prod", "zone-qa", "zone-stage"]);
    expect(dns.provider!.aws!.filter((p) => p.alias === "account_dev")).toHaveLength(1);
    const roles = Object.values(stacks.get("tools")!.resource!.aws_iam_role!).map((r) => r.name);
    expect(roles).toEqual(expect.arrayContaining(["deploy-dev", "deploy-qa"]));
  });
});
