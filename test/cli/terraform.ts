/** Real terraform for the CLI tests: a CLI config of our own (the machine's TF_CLI_CONFIG_FILE points at a missing file). */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The environment terraform runs with in these tests: no update check, our CLI config. */
export function terraformTestEnv(dir: string, cliConfig = "disable_checkpoint = true\n"): Record<string, string | undefined> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "terraformrc");
  writeFileSync(file, cliConfig);
  return { PATH: process.env.PATH, HOME: process.env.HOME, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: file, TF_IN_AUTOMATION: "1" };
}

export function terraform(cwd: string, env: Record<string, string | undefined>, ...args: string[]): string {
  const result = spawnSync("terraform", args, { cwd, env, encoding: "utf8", timeout: 120_000 });
  if (result.status !== 0) throw new Error(`terraform ${args.join(" ")} failed in ${cwd}:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

/**
 * A state holding only outputs, written by a real `terraform apply` of a
 * config that has nothing but `output` blocks (no provider, works offline):
 * the org stack's `account_ids` output as Terraform itself stores it.
 */
export function applyOutputsState(workDir: string, statePath: string, env: Record<string, string | undefined>, accountIds: Record<string, string>): void {
  mkdirSync(workDir, { recursive: true });
  writeFileSync(
    join(workDir, "main.tf.json"),
    JSON.stringify({
      terraform: { backend: { local: { path: statePath } } },
      output: { account_ids: { value: accountIds }, organization_id: { value: "o-exampleorgid" } },
    }),
  );
  terraform(workDir, env, "init", "-input=false");
  terraform(workDir, env, "apply", "-auto-approve", "-input=false");
}
