/**
 * The org stack as the CLI sees it from outside: synthesizing it, running
 * terraform in its folder, and reading its outputs (`terraform output
 * -json`), which is where the ids of created accounts come from.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { OrgConfig } from "../config/model.ts";
import { ORG_OUTPUTS } from "../org/outputs.ts";
import { localStateFile, ORG_STACK_ID } from "../naming/names.ts";
import { outputValue, type OutputsDocument } from "../stacks/output-contract.ts";
import { CliError, type Workspace } from "./io.ts";
import { terraformText } from "../engine/stack-terraform.ts";
import { stackTerraform } from "./stack-terraform.ts";

/** The `terraform output -json` document: output name -> { value, type, sensitive }. */
export type { OutputsDocument };

/** Where the org stack's outputs come from; tests replace it. */
export interface OrgOutputsReader {
  /** For messages: where the outputs were read from. */
  readonly source: string;
  read(): Promise<OutputsDocument>;
}

/** Synthesizes the org stack alone (as `cd org && npx cdktf synth` does) and returns its folder. */
export type SynthOrg = (ws: Workspace) => Promise<string>;

export const synthOrgStack: SynthOrg = async (ws) => {
  // Loaded on demand: cdktf and the provider bindings cost time that list/init/import do not need.
  const [{ buildFolder }, { synthesizeOrThrow }] = await Promise.all([import("../stacks/all-stacks.ts"), import("../stacks/synthesize.ts")]);
  synthesizeOrThrow({ configDir: ws.configDir, outdir: ws.orgOutdir }, buildFolder("org"));
  return orgStackDir(ws);
};

export function orgStackDir(ws: Workspace): string {
  return join(ws.orgOutdir, "stacks", ORG_STACK_ID);
}

/** The local state file of a stack, or undefined with the S3 backend. */
export function localStatePath(config: OrgConfig, stackId: string): string | undefined {
  return config.state.backend === "local" ? join(config.state.localDirectory, localStateFile(stackId)) : undefined;
}

/**
 * The real reader. Local backend: `terraform output -json -state=<state/org.tfstate>`
 * (needs no init, no provider, no credentials). S3 backend: synthesize the
 * org stack, `terraform init`, `terraform output -json` in its folder.
 */
export function orgOutputsReader(ws: Workspace, config: OrgConfig, synth: SynthOrg = synthOrgStack): OrgOutputsReader {
  const statePath = localStatePath(config, ORG_STACK_ID);
  if (statePath !== undefined) {
    const shown = relative(ws.repoRoot, statePath);
    return {
      source: shown,
      read: async () => {
        if (!existsSync(statePath)) {
          throw new CliError(`no state for the org stack at ${shown}: it has not been applied yet (run: npm run accounts -- provision)`);
        }
        return parseOutputs(await terraformText(stackTerraform(ws, dirname(statePath)), ["output", "-json", `-state=${statePath}`]), shown);
      },
    };
  }
  return {
    source: `s3://${config.state.bucket} (org stack)`,
    read: async () => {
      const dir = await synth(ws);
      const stack = stackTerraform(ws, dir);
      await terraformText(stack, ["init", "-input=false"]);
      return parseOutputs(await terraformText(stack, ["output", "-json"]), "the org stack's S3 state");
    },
  };
}

export function parseOutputs(stdout: string, where: string): OutputsDocument {
  try {
    const doc = JSON.parse(stdout) as unknown;
    if (doc && typeof doc === "object" && !Array.isArray(doc)) return doc as OutputsDocument;
  } catch {
    // fall through
  }
  throw new CliError(`terraform output -json of ${where} did not print a JSON object (is the terraform on PATH 1.x?)`);
}

/** Account id by account name from the org stack's outputs (its contract: org/outputs.ts). */
export function accountIdsFrom(doc: OutputsDocument, where: string): Map<string, string> {
  const read = outputValue(doc, ORG_OUTPUTS.outputs.accountIds);
  if ("problem" in read) {
    throw new CliError(
      doc[ORG_OUTPUTS.outputs.accountIds.name] === undefined
        ? `${where} ${read.problem} (apply the org stack with this version of the code: npm run accounts -- provision)`
        : `${where}: the ${ORG_OUTPUTS.outputs.accountIds.name} output is not a map of account name to id`,
    );
  }
  return new Map(Object.entries(read.value));
}

/** Number of resource instances a state file holds, or undefined when it does not exist or cannot be read. */
export function resourcesInState(path: string): number | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const state = JSON.parse(readFileSync(path, "utf8")) as { resources?: { mode?: string; instances?: unknown[] }[] };
    return (state.resources ?? []).filter((r) => r.mode === "managed").reduce((n, r) => n + (r.instances?.length ?? 0), 0);
  } catch {
    return undefined;
  }
}
