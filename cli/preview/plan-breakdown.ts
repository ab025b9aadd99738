/**
 * Per stack, what the plan does by resource type: "creates 7
 * aws_organizations_account (+1 imported)". The counts table says how much;
 * this says what, which is what a reviewer checks first.
 */
import type { ResourceChange } from "../../engine/plan.ts";

export interface BreakdownInput {
  readonly stack: string;
  readonly resourceChanges?: readonly ResourceChange[];
  readonly imports: readonly { address: string; id: string }[];
  readonly error?: string;
}

const VERBS: readonly [string, (actions: readonly string[]) => boolean][] = [
  ["create", (a) => a.length === 1 && a[0] === "create"],
  ["update", (a) => a.length === 1 && a[0] === "update"],
  ["replace", (a) => a.includes("delete") && a.includes("create")],
  ["destroy", (a) => a.length === 1 && a[0] === "delete"],
];

export function formatBreakdown(results: readonly BreakdownInput[]): string {
  const blocks: string[] = [];
  for (const r of results) {
    if (r.error || !r.resourceChanges) continue;
    const imported = new Set(r.imports.map((i) => i.address));
    const rows = new Map<string, number>();
    for (const change of r.resourceChanges.filter((c) => c.mode === "managed")) {
      const verb = imported.has(change.address) ? "import" : VERBS.find(([, is]) => is(change.change.actions))?.[0];
      if (verb === undefined) continue;
      const key = `${verb} ${change.type}`;
      rows.set(key, (rows.get(key) ?? 0) + 1);
    }
    if (rows.size === 0) {
      blocks.push(`${r.stack}: no changes`);
      continue;
    }
    const order = ["create", "import", "update", "replace", "destroy"];
    const sorted = [...rows].sort(([a], [b]) => order.indexOf(a.split(" ")[0]!) - order.indexOf(b.split(" ")[0]!) || a.localeCompare(b));
    const width = Math.max(...sorted.map(([k]) => k.length));
    blocks.push([`${r.stack}:`, ...sorted.map(([k, n]) => `  ${k.padEnd(width)}  ${String(n).padStart(3)}`)].join("\n"));
  }
  return blocks.length === 0 ? "" : `\n${blocks.join("\n\n")}\n`;
}
