/** Synthesize stacks in memory for focused assertions. */
import { App, Testing, type TerraformStack } from "cdktf";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A throwaway app whose outdir is removed by `cleanup` (Testing.app() leaves its folders behind). */
export function testApp(): { app: App; cleanup: () => void } {
  const outdir = mkdtempSync(join(tmpdir(), "cdktf-test-"));
  return { app: new App({ outdir, stackTraces: false }), cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}

export interface SynthesizedJson {
  readonly text: string;
  readonly json: {
    terraform: { backend: Record<string, Record<string, unknown>> };
    provider: { aws: Record<string, unknown>[] };
    resource: Record<string, Record<string, Record<string, unknown>>>;
    output?: Record<string, { value: unknown }>;
    import?: { to: string; id: string }[];
  };
}

export function synthJson(stack: TerraformStack): SynthesizedJson {
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text) };
}

export function resourcesOfType(s: SynthesizedJson, type: string): Record<string, Record<string, unknown>> {
  return s.json.resource[type] ?? {};
}
