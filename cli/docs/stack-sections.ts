/**
 * The generated part of each account folder's README (org/, dns/, corp/,
 * tools/, app/): which account and OU each of its stacks deploys into, where
 * its state is, what must be applied first, the outputs it publishes and
 * which stacks read them, and the commands to synthesize, deploy and check
 * it. From the registry (stacks/registry.ts) and config, so it cannot drift
 * from the code. Pure: config in, Markdown out.
 */
import { relative } from "node:path";
import type { OrgConfig } from "../../config/model.ts";
import { stateKey } from "../../naming/names.ts";
import { localStatePath } from "../org-outputs.ts";
import { stackEntries, type StackEntry, type StackFolder } from "../../stacks/registry.ts";

function stateOf(config: OrgConfig, repoRoot: string, id: string): string {
  const local = localStatePath(config, id);
  const s = config.state;
  return local !== undefined ? `\`${relative(repoRoot, local)}\` (local)` : `\`s3://${s.bucket}/${stateKey(id, s.keyPrefix, s.keyOverrides)}\``;
}

const code = (names: readonly string[]) => (names.length === 0 ? "-" : names.map((n) => `\`${n}\``).join(", "));

/** Commands with their comments in one column. */
function aligned(rows: readonly [string, string][]): string[] {
  const width = Math.max(...rows.map(([command]) => command.length)) + 2;
  return rows.map(([command, comment]) => `${command.padEnd(width)}# ${comment}`);
}

/** The section for one folder; undefined when config builds no stack from it. */
export function stackSection(config: OrgConfig, repoRoot: string, folder: StackFolder): string | undefined {
  const all = stackEntries(config);
  const here = all.filter((s) => s.folder === folder);
  if (here.length === 0) return undefined;
  const readers = (stack: StackEntry) => all.filter((s) => s.follows.includes(stack.id)).map((s) => s.id);
  const lines = [
    "| stack | account (OU) | state | applied after | outputs | read by |",
    "| --- | --- | --- | --- | --- | --- |",
    ...here.map((s) => {
      const account = `\`${s.account.name}\` (${s.account.ou ?? "root"}${s.account.accountId === undefined ? "; not created yet" : ""})`;
      return `| \`${s.id}\` | ${account} | ${stateOf(config, repoRoot, s.id)} | ${code(s.follows)} | ${code(s.outputs)} | ${code(readers(s))} |`;
    }),
    "",
    "```sh",
    ...aligned([
      [`cd ${folder} && npx cdktf synth`, `this folder's stacks only, into ${folder}/cdktf.out`],
      ...here.flatMap((s): [string, string][] => [
        [`npm run deploy -- ${s.id}`, "from the root: plan, destroy guard, ask, apply that plan"],
        [`npm run drift -- ${s.id}`, "does AWS still match the state?"],
      ]),
    ]),
    "```",
  ];
  return lines.join("\n");
}
