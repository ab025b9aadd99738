/**
 * Every action of every guardrail, exactly. A guardrail's strength is its
 * action list: an action dropped from a deny (iam:DetachRolePolicy from the
 * admin-role protection, say) opens a way around it without any other test
 * noticing, since the behaviour tests check a few actions each. The lists
 * for the example config are committed in guardrail-actions.json; a change
 * fails here with the actions gained and lost per statement, and a
 * deliberate one is recorded with UPDATE_GUARDRAIL_ACTIONS=1.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GUARDRAIL_NAMES } from "../../config/guardrail-names.ts";
import { loadConfig } from "../../config/load.ts";
import { GUARDRAILS } from "../../org/guardrails/index.ts";
import { EXAMPLE_CONFIG } from "../helpers/example-config.ts";

const SNAPSHOT = join(import.meta.dirname, "guardrail-actions.json");
const UPDATE_COMMAND = "UPDATE_GUARDRAIL_ACTIONS=1 npx vitest run test/org/guardrail-actions.test.ts";

/** guardrail -> statement Sid -> "Action" or "NotAction" -> the actions, sorted. */
type Actions = Record<string, Record<string, Record<string, string[]>>>;

function actionsOfExample(): Actions {
  const config = loadConfig({ configDir: EXAMPLE_CONFIG });
  const out: Actions = {};
  for (const name of GUARDRAIL_NAMES) {
    const statements: Actions[string] = {};
    for (const s of GUARDRAILS[name].build(config).Statement) {
      const entry: Record<string, string[]> = {};
      for (const key of ["Action", "NotAction"] as const) {
        const value = (s as unknown as Record<string, unknown>)[key];
        if (value !== undefined) entry[key] = [value].flat().map(String).sort();
      }
      statements[s.Sid ?? "(no Sid)"] = entry;
    }
    out[name] = statements;
  }
  return out;
}

function explain(before: Actions, after: Actions): string | undefined {
  const lines: string[] = [];
  for (const name of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const sids = [...new Set([...Object.keys(before[name] ?? {}), ...Object.keys(after[name] ?? {})])].sort();
    for (const sid of sids) {
      const was = before[name]?.[sid];
      const now = after[name]?.[sid];
      if (was === undefined || now === undefined) {
        lines.push(`  ${name} ${sid}: statement ${was === undefined ? "added" : "removed"}`);
        continue;
      }
      for (const key of ["Action", "NotAction"]) {
        const lost = (was[key] ?? []).filter((a) => !(now[key] ?? []).includes(a));
        const gained = (now[key] ?? []).filter((a) => !(was[key] ?? []).includes(a));
        if (lost.length > 0) lines.push(`  ${name} ${sid} ${key}: lost ${lost.join(", ")}`);
        if (gained.length > 0) lines.push(`  ${name} ${sid} ${key}: gained ${gained.join(", ")}`);
      }
    }
  }
  if (lines.length === 0) return undefined;
  return ["the guardrails' actions changed (a lost Action or a gained NotAction opens a way around a deny):", ...lines, `if this is deliberate, record it: ${UPDATE_COMMAND}`].join("\n");
}

describe("guardrail actions", () => {
  it("are exactly the committed lists, statement by statement", () => {
    const now = actionsOfExample();
    if (process.env.UPDATE_GUARDRAIL_ACTIONS === "1") writeFileSync(SNAPSHOT, `${JSON.stringify(now, null, 2)}\n`);
    expect(existsSync(SNAPSHOT), `no ${SNAPSHOT}: ${UPDATE_COMMAND}`).toBe(true);
    const committed = JSON.parse(readFileSync(SNAPSHOT, "utf8")) as Actions;
    const problem = explain(committed, now);
    expect(problem, problem).toBeUndefined();
  });

  it("name what was lost when an action is dropped", () => {
    const now = actionsOfExample();
    const sid = Object.keys(now["protect-access-roles"]!).find((s) => now["protect-access-roles"]![s]!.Action?.includes("iam:DetachRolePolicy"));
    expect(sid, "protect-access-roles denies iam:DetachRolePolicy in some statement").toBeDefined();
    const broken: Actions = structuredClone(now);
    broken["protect-access-roles"]![sid!]!.Action = broken["protect-access-roles"]![sid!]!.Action!.filter((a) => a !== "iam:DetachRolePolicy");
    expect(explain(now, broken)).toContain(`protect-access-roles ${sid} Action: lost iam:DetachRolePolicy`);
  });
});
