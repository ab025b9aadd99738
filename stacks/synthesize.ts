/**
 * How every entry point turns config into cdktf.out: load and validate the
 * config first, synthesize into a scratch folder, and only when every stack
 * synthesized without error copy it into place. A mistake therefore never
 * leaves half an output behind for a later `terraform apply` to pick up.
 */
import { App } from "cdktf";
import { cpSync, existsSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadConfig } from "../config/load.ts";
import { configWarnings, type OrgConfig } from "../config/model.ts";

export interface SynthesizeOptions {
  readonly configDir: string;
  /** Defaults as cdktf's: $CDKTF_OUTDIR (set by the cdktf CLI), else ./cdktf.out. */
  readonly outdir?: string;
}

/** The repository's config/, or $ORG_CONFIG_DIR (entry points pass their environment in). */
export function configDirFrom(env: Readonly<Record<string, string | undefined>>): string {
  return resolve(env.ORG_CONFIG_DIR ?? join(import.meta.dirname, "..", "config"));
}

export type BuildStacks = (app: App, config: OrgConfig) => void;

/** For entry points: prints problems and exits 1 instead of throwing. */
export function synthesize(options: SynthesizeOptions, build: BuildStacks): void {
  try {
    synthesizeOrThrow(options, build);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\nNothing was written.\n`);
    process.exit(1);
  }
}

export function synthesizeOrThrow(options: SynthesizeOptions, build: BuildStacks): string {
  const config = loadConfig({ configDir: options.configDir });
  for (const warning of configWarnings(config)) process.stderr.write(`${warning}\n`);
  const outdir = resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? "cdktf.out");
  const scratch = `${outdir}.partial-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  try {
    // Stack traces in construct metadata cost time and are never read here.
    const app = new App({ outdir: scratch, stackTraces: false });
    build(app, config);
    app.synth();
    publish(scratch, outdir);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return outdir;
}

/**
 * Copy over, not replace: terraform keeps its providers (.terraform) and lock
 * file beside cdk.tf.json, and re-installing them on every synth is slow.
 * Folders of stacks that no longer exist are removed.
 */
function publish(scratch: string, outdir: string): void {
  const stacksDir = join(outdir, "stacks");
  if (existsSync(stacksDir)) {
    const current = new Set(readdirSync(join(scratch, "stacks")));
    for (const old of readdirSync(stacksDir)) {
      if (!current.has(old)) rmSync(join(stacksDir, old), { recursive: true, force: true });
    }
  }
  cpSync(scratch, outdir, { recursive: true, force: true });
}

