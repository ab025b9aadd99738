/** `accounts list` against a temporary copy of the example config. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { tempRepo, type TempRepo } from "../helpers/example-config.ts";
import { session } from "./harness.ts";

let repo: TempRepo;
afterEach(() => repo.cleanup());

// Only the stacks in the registry (stacks/registry.ts) are shown: an account no stack deploys into has "-".
it("shows every account with its id or pending, OU, email, region, environment and the state of its stack", async () => {
  repo = tempRepo();
  mkdirSync(join(repo.root, "state"));
  // The org stack applied with 3 resource instances (2 + 1 of a counted resource); data sources do not count.
  const resource = (mode: string, n: number) => ({ mode, type: "t", name: "n", instances: Array.from({ length: n }, () => ({ attributes: {} })) });
  writeFileSync(join(repo.root, "state", "org.tfstate"), JSON.stringify({ version: 4, resources: [resource("managed", 2), resource("managed", 1), resource("data", 1)] }));
  const s = session(repo);
  expect(await s.cli("accounts", "list")).toBe(0);
  expect(s.out).toEqual([
    "NAME      ID            OU          EMAIL                     REGION        ENVIRONMENT  STACK STATE",
    "org       111111111111  (root)      aws-org@example.com       eu-west-1     -            org: 3 resources (state/org.tfstate)",
    "security  pending       security    aws-security@example.com  eu-west-1     -            -",
    "dns       pending       core        aws-dns@example.com       eu-west-1     -            dns: no state",
    "corp      pending       core        aws-corp@example.com      eu-west-1     -            corp: no state",
    "tools     pending       core        aws-tools@example.com     eu-west-1     -            tools: no state",
    "dev       pending       nonprod     aws-dev@example.com       eu-west-1     dev          app-dev: no state",
    "stage     pending       production  aws-stage@example.com     eu-west-1     stage        app-stage: no state",
    "prod      pending       production  aws-prod@example.com      eu-central-1  prod         app-prod: no state",
    "legacy    222222222222  workloads   ops@example.com           eu-west-1     -            -",
  ]);
});

it("with the S3 backend, names where each stack's state is instead of reading it", async () => {
  repo = tempRepo();
  repo.edit("organization.yaml", "  backend: local\n", "  backend: s3\n");
  const s = session(repo);
  expect(await s.cli("accounts", "list")).toBe(0);
  expect(s.out[1]).toMatch(/^org .* org: s3:\/\/acme-terraform-state-example\/org\/terraform\.tfstate \(not read\)$/);
});

it("a broken config is reported, file and line, exit 1", async () => {
  repo = tempRepo();
  repo.edit("accounts/dev.yaml", "ou: nonprod", "ou: nonprd");
  const s = session(repo);
  expect(await s.cli("accounts", "list")).toBe(1);
  expect(s.err[1]).toMatch(/^  config\/accounts\/dev\.yaml:5  ou: nonprd is not a known OU \(did you mean nonprod\?/);
});

it("usage mistakes exit 2 and help exits 0", async () => {
  repo = tempRepo();
  const s = session(repo);
  expect(await s.cli("accounts", "lst")).toBe(2);
  expect(s.err.join("\n")).toContain("unknown command 'lst'");
  expect(await s.cli("accounts")).toBe(2);
  expect(await s.cli("accounts", "init", "--yes", "--colour")).toBe(2);
  expect(await s.cli("accounts", "--help")).toBe(0);
  expect(s.out.join("\n")).toMatch(/init .*\n.*provision .*\n.*sync .*\n.*list .*\n.*import .*\n.*retire /s);
});

it("--access shows who may sign in to each account: the platform team everywhere, developers only in the environments", async () => {
  repo = tempRepo();
  const s = session(repo);
  expect(await s.cli("accounts", "list", "--access")).toBe(0);
  const access = s.out.slice(s.out.indexOf("who may sign in (IAM Identity Center, config/access.yaml):") + 1);
  expect(access).toEqual([
    "  org: platform-admins (AdministratorAccess)",
    "  security: platform-admins (AdministratorAccess)",
    "  dns: platform-admins (AdministratorAccess)",
    "  corp: platform-admins (AdministratorAccess)",
    "  tools: platform-admins (AdministratorAccess)",
    "  dev: platform-admins (AdministratorAccess), developers (PowerUserAccess)",
    "  stage: platform-admins (AdministratorAccess), developers (ReadOnlyAccess)",
    "  prod: platform-admins (AdministratorAccess), developers (ReadOnlyAccess)",
    "  legacy: platform-admins (AdministratorAccess)",
  ]);
  repo.remove("access.yaml");
  const without = session(repo);
  expect(await without.cli("accounts", "list", "--access")).toBe(0);
  expect(without.out.at(-1)).toBe('who may sign in: not managed here (no config/access.yaml; see org/README.md "People\'s access")');
});
