/** A command's view of one stack folder for the Terraform driver: its target, runner and limits from the workspace. */
import { join, relative } from "node:path";
import type { StackTerraform } from "../engine/stack-terraform.ts";
import { awsTarget } from "../engine/targets/aws.ts";
import type { Target } from "../engine/targets/target.ts";
import type { AccountConfig } from "../config/model.ts";
import { roleArn } from "../naming/names.ts";
import type { Workspace } from "./io.ts";

export function targetOf(ws: Workspace): Target {
  return ws.target ?? awsTarget(ws.env, { cliConfigDir: join(ws.repoRoot, ".terraform-cli") });
}

/** Every terraform run of a command goes through here, so a target's adaptation of the stack (the emulator's) is never skipped. */
export function stackTerraform(ws: Workspace, dir: string): StackTerraform {
  const target = targetOf(ws);
  target.prepareStack?.(dir);
  return {
    dir,
    shownDir: relative(ws.repoRoot, dir) || ".",
    env: target.env(),
    run: ws.run,
    ...(ws.echo !== undefined && { echo: ws.echo }),
    // Captured output ends up in messages and logs: no colour codes there.
    ...((ws.color === false || ws.echo === false) && { color: false }),
    ...(ws.timeoutMs !== undefined && { timeoutMs: ws.timeoutMs }),
    ...(ws.signal && { signal: ws.signal }),
  };
}

/**
 * Before any terraform step of a stack in `account`: are there credentials,
 * and are they of that account (the management account), or can they assume
 * its admin role (a member account; `enterAs` for a runner, stacks/run-as.ts)?
 * The offline target needs none.
 */
export async function checkCredentialsFor(ws: Workspace, account: AccountConfig, label: string, enterAs: string = account.adminRoleName): Promise<void> {
  const target = targetOf(ws);
  if (target.kind === "offline") return;
  const check = ws.checkCredentials ?? (await import("../engine/targets/identity.ts")).stsCredentialCheck;
  await check(target.env(), {
    label,
    accountFile: account.file,
    region: account.region,
    ...(account.accountId !== undefined && { accountId: account.accountId }),
    ...(!account.isManagement && account.accountId !== undefined && { assumeRoleArn: roleArn(account.accountId, enterAs) }),
  });
}
