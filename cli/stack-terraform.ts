/** A command's view of one stack folder for the Terraform driver: its target, runner and limits from the workspace. */
import { join, relative } from "node:path";
import type { StackTerraform } from "../engine/stack-terraform.ts";
import { awsTarget } from "../engine/targets/aws.ts";
import type { Target } from "../engine/targets/target.ts";
import type { Workspace } from "./io.ts";

export function targetOf(ws: Workspace): Target {
  return ws.target ?? awsTarget(ws.env, { cliConfigDir: join(ws.repoRoot, ".terraform-cli") });
}

export function stackTerraform(ws: Workspace, dir: string): StackTerraform {
  return {
    dir,
    shownDir: relative(ws.repoRoot, dir) || ".",
    env: targetOf(ws).env(),
    run: ws.run,
    ...(ws.echo !== undefined && { echo: ws.echo }),
    ...(ws.timeoutMs !== undefined && { timeoutMs: ws.timeoutMs }),
    ...(ws.signal && { signal: ws.signal }),
  };
}
