/**
 * The offline plan results as plain text: one row per stack, then notes.
 *
 * Why plain text: it is what `npm run preview` prints and what a CI log or a
 * pull-request comment shows; fixed-width columns read in all of them. The
 * notes say everything the counts cannot: each import the preview did not
 * plan, each upstream state it read as empty, each stack that failed and why.
 */
import type { StackPlanResult } from "../../engine/verify-stacks.ts";

type Row = Pick<StackPlanResult, "stack" | "account" | "add" | "change" | "replace" | "destroy" | "imports" | "notPlanned" | "error">;

const HEADER = ["stack", "account", "add", "change", "replace", "destroy", "import", "not planned"];
/** Columns right-aligned (the numbers). */
const NUMERIC = new Set([2, 3, 4, 5, 6, 7]);

function pad(cells: string[], widths: number[]): string {
  return cells
    .map((c, i) => (NUMERIC.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
    .join("  ")
    .trimEnd();
}

function indentRest(text: string, indent: string): string {
  return text.split("\n").join(`\n${indent}`);
}

/** Formats plan results as a table followed by notes (imports not planned, upstream states read as empty, errors). */
export function formatPlanTable(results: readonly Row[]): string {
  const rows = results.map((r) =>
    r.error
      ? [r.stack, r.account ?? "-", "-", "-", "-", "-", "-", "error"]
      : [r.stack, r.account ?? "-", String(r.add), String(r.change), String(r.replace), String(r.destroy), String(r.imports.length), String(r.notPlanned.length)],
  );
  const ok = results.filter((r) => !r.error);
  const sum = (f: (r: Row) => number): string => String(ok.reduce((n, r) => n + f(r), 0));
  const total = ["total", "", sum((r) => r.add), sum((r) => r.change), sum((r) => r.replace), sum((r) => r.destroy), sum((r) => r.imports.length), sum((r) => r.notPlanned.length)];
  const all = [HEADER, ...rows, total];
  const widths = HEADER.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  const lines = [
    pad(HEADER, widths),
    pad(
      widths.map((w) => "-".repeat(w)),
      widths,
    ),
    ...rows.map((r) => pad(r, widths)),
  ];
  if (results.length > 1) lines.push(pad(total, widths));

  const notes: string[] = [];
  for (const r of results) {
    for (const n of r.notPlanned) notes.push(`${r.stack}: ${n.what}: ${n.why}`);
  }
  for (const r of results) {
    if (!r.error) continue;
    const msg = r.error.startsWith(`${r.stack}:`) ? r.error : `${r.stack}: ${r.error}`;
    notes.push(`ERROR ${indentRest(msg, "    ")}`);
  }
  if (notes.length > 0) lines.push("", "Notes:", ...notes.map((n) => `- ${n}`));
  return lines.join("\n") + "\n";
}
