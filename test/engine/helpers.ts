/**
 * Small real cdktf apps for the offline verification tests: synthesized into
 * a temp dir that the test removes.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider, type AwsProviderConfig } from "@cdktf/provider-aws/lib/provider";

/** A fresh temp dir and a function that removes it. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestStack {
  provider: AwsProviderConfig;
  build: (stack: TerraformStack) => void;
  /** Sets the stack's backend; default a local backend. */
  backend?: (stack: TerraformStack) => void;
}

/** Builds each stack (backend, the given provider, resources) and synthesizes; returns stack id -> stack dir. */
export function synthStacks(outdir: string, stacks: Record<string, TestStack>): Record<string, string> {
  const app = new App({ outdir });
  for (const [id, def] of Object.entries(stacks)) {
    const stack = new TerraformStack(app, id);
    if (def.backend) def.backend(stack);
    else new LocalBackend(stack, { path: `state/${id}.tfstate` });
    new AwsProvider(stack, "aws", def.provider);
    def.build(stack);
  }
  app.synth();
  return Object.fromEntries(Object.keys(stacks).map((id) => [id, join(outdir, "stacks", id)]));
}

/** Every file under `dir` with its content: to prove a directory was not modified. */
export function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}

/** A provider that assumes a role into `account` and allows only `allowed`. */
export function assumeRoleProvider(account: string, allowed: string[] = [account]): AwsProviderConfig {
  return {
    region: "eu-west-1",
    assumeRole: [{ roleArn: `arn:aws:iam::${account}:role/OrganizationAccountAccessRole`, sessionName: "offline-test" }],
    allowedAccountIds: allowed,
  };
}
