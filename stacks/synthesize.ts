/**
 * How every entry point turns config into cdktf.out: load and validate the
 * config first, synthesize into a scratch folder, and only when every stack
 * synthesized without error copy it into place. A mistake therefore never
 * leaves half an output behind for a later `terraform apply` to pick up.
 */
import { AnnotationMetadataEntryType, App, TerraformStack } from "cdktf";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { loadConfig } from "../config/load.ts";
import { configWarnings, type OrgConfig } from "../config/model.ts";
import type { RunAs } from "./run-as.ts";

export interface SynthesizeOptions {
  readonly configDir: string;
  /** Defaults as cdktf's: $CDKTF_OUTDIR (set by the cdktf CLI), else ./cdktf.out. */
  readonly outdir?: string;
  /** Whose credentials will run the stacks; default operator. */
  readonly runAs?: RunAs;
}

/** `runAs` defaults to operator. */
export type BuildStacks = (app: App, config: OrgConfig, runAs?: RunAs) => void;

/** For entry points: prints problems and exits 1 instead of throwing. */
export function synthesize(options: SynthesizeOptions, build: BuildStacks): void {
  try {
    const { warnings } = synthesizeOrThrow(options, build);
    for (const warning of warnings) process.stderr.write(`${warning}\n`);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\nNothing was written.\n`);
    process.exit(1);
  }
}

export interface Synthesized {
  readonly outdir: string;
  readonly config: OrgConfig;
  /** Folders of the synthesized stacks (outdir/stacks/<id>), in the order they were built. */
  readonly stackDirs: readonly string[];
  /** Config warnings and cdktf warning annotations ("<stack>: <message>"), for the user to read. */
  readonly warnings: readonly string[];
}

export function synthesizeOrThrow(options: SynthesizeOptions, build: BuildStacks): Synthesized {
  const config = loadConfig({ configDir: options.configDir });
  const outdir = resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? "cdktf.out");
  const scratch = `${outdir}.partial-${process.pid}`;
  mkdirSync(dirname(outdir), { recursive: true });
  rmSync(scratch, { recursive: true, force: true });
  try {
    // Stack traces in construct metadata cost time and are never read here.
    const app = new App({ outdir: scratch, stackTraces: false });
    build(app, config, options.runAs ?? "operator");
    app.synth();
    publish(scratch, outdir);
    const stacks = app.node.children.filter((c) => TerraformStack.isStack(c));
    const stackDirs = stacks.map((s) => join(outdir, "stacks", s.node.id));
    return { outdir, config, stackDirs, warnings: [...configWarnings(config), ...annotationWarnings(app)] };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** cdktf prints warning annotations only through its CLI; a direct synth must show them too. */
function annotationWarnings(app: App): string[] {
  return Object.values(app.manifest.stacks).flatMap((stack) => stack.annotations.filter((a) => a.level === AnnotationMetadataEntryType.WARN).map((a) => `warning: ${stack.name}: ${a.message}`));
}

/**
 * Replace the generated files but keep Terraform's own (.terraform/ with its
 * providers, .terraform.lock.hcl): re-installing providers on every synth is
 * slow. Everything else in a stack folder is removed first, so a stale file
 * cannot survive, e.g. a cdk.tf.json beside the cdk.tf of a later
 * `cdktf synth --hcl`, which Terraform would load twice. Folders of stacks
 * that no longer exist are removed.
 */
function publish(scratch: string, outdir: string): void {
  const stacksDir = join(outdir, "stacks");
  if (existsSync(stacksDir)) {
    const current = new Set(readdirSync(join(scratch, "stacks")));
    for (const stack of readdirSync(stacksDir)) {
      const dir = join(stacksDir, stack);
      if (!current.has(stack)) {
        rmSync(dir, { recursive: true, force: true });
        continue;
      }
      for (const entry of readdirSync(dir)) {
        if (!entry.startsWith(".terraform")) rmSync(join(dir, entry), { recursive: true, force: true });
      }
    }
  }
  cpSync(scratch, outdir, { recursive: true, force: true });
}
