/**
 * `npm run guard -- <plan.json> [--allow <address>]...`
 * Exit 0: nothing protected is deleted or replaced (or every such resource
 * is allowed); 1: something is; 2: bad arguments or input that is not a plan.
 */
import { readFileSync } from "node:fs";
import { guardPlan, NotAPlanError } from "../engine/guard/find-protected-changes.ts";

export const USAGE = "usage: npm run guard -- <plan.json> [--allow <address>]...  (plan.json: the output of terraform show -json <planfile>)";

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export function runGuard(args: readonly string[], io: Io): number {
  const allow: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--allow") {
      const address = args[++i];
      if (address === undefined || address.startsWith("--")) return usage(io, "--allow needs a resource address");
      allow.push(address);
    } else if (arg === "--help" || arg === "-h") {
      io.out(`${USAGE}\n`);
      return 0;
    } else if (arg.startsWith("--")) {
      return usage(io, `unknown option ${arg}`);
    } else {
      files.push(arg);
    }
  }
  if (files.length !== 1) return usage(io, files.length === 0 ? "no plan file given" : "give exactly one plan file");
  const file = files[0]!;
  let plan: unknown;
  try {
    plan = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    io.err(`guard: cannot read ${file}: ${err instanceof SyntaxError ? `not JSON (${err.message})` : (err as Error).message}\n`);
    return 2;
  }
  try {
    const result = guardPlan(plan, { allow });
    const unknownAllow = allow.filter((a) => !result.findings.some((f) => f.address === a));
    for (const a of unknownAllow) io.err(`guard: warning: --allow ${a} matches nothing this plan deletes or replaces\n`);
    (result.ok ? io.out : io.err)(result.report);
    return result.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof NotAPlanError) {
      io.err(`guard: cannot check ${file}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

function usage(io: Io, problem: string): number {
  io.err(`guard: ${problem}\n${USAGE}\n`);
  return 2;
}
