/**
 * What npm run guardrails prints: one row per request (account, principal,
 * action, expected, actual, the deciding statement), then every mismatch
 * with the file and line of its expectation, then a count.
 */
import type { ExpectationCheck } from "./run.ts";

const HEADERS = ["", "account", "principal", "action", "region", "expected", "actual", "decided by"] as const;

export function formatReport(checks: readonly ExpectationCheck[]): string {
  if (checks.length === 0) {
    return 'guardrails: no expectations to check (write them in config/guardrail-expectations.yaml; see org/README.md "Expectations")\n';
  }
  const rows = checks.map((c) => [
    c.ok ? "ok" : "FAIL",
    c.account,
    principalOf(c),
    c.request.action,
    c.request.region,
    c.expectation.expect,
    c.verdict.result,
    c.verdict.result === "not evaluated" ? c.verdict.reason : c.verdict.decidedBy,
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const failures = checks.filter((c) => !c.ok);
  const notEvaluated = checks.filter((c) => c.verdict.result === "not evaluated").length;
  const out = [line(HEADERS), ...rows.map(line), ""];
  for (const c of failures) {
    const e = c.expectation;
    const got = c.verdict.result === "not evaluated" ? `could not be evaluated: ${c.verdict.reason}` : `${c.verdict.result} by ${c.verdict.decidedBy}`;
    out.push(`${e.file}:${e.line}  ${JSON.stringify(e.name)}: in ${c.account}, ${principalOf(c)} ${c.request.action} on ${c.request.resource} ` + `should be ${e.expect} but is ${got}`);
  }
  if (failures.length > 0) out.push("");
  out.push(
    `guardrails: ${checks.length} checks of ${new Set(checks.map((c) => c.expectation)).size} expectations: ` +
      `${checks.length - failures.length} as expected, ${failures.length - notEvaluated} not as expected, ${notEvaluated} not evaluated`,
  );
  return `${out.join("\n")}\n`;
}

function principalOf(c: ExpectationCheck): string {
  const p = c.expectation.principal;
  return p.kind === "root" ? "root" : `role/${p.name}`;
}
