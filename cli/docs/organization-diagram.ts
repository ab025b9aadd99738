/**
 * The organization as a Mermaid flowchart, for the root README: the OU tree
 * with its accounts, which stack deploys into which account, the deploy
 * order, and which git ref promotes to which environment's stack. Derived
 * from config and the stack registry only, so it cannot drift (npm run
 * docs writes it; a test parses it with the real Mermaid parser).
 */
import type { OrgConfig } from "../../config/model.ts";
import { promotionRows } from "../../config/promotion.ts";
import { appStackId } from "../../naming/names.ts";
import { stackEntries } from "../../stacks/registry.ts";

/** Mermaid ids: letters, digits and underscores only (names have dashes). */
const id = (kind: string, name: string) => `${kind}_${name.replace(/[^A-Za-z0-9]/g, "_")}`;
/** A label in quotes; Mermaid reads #quot; for a quote. */
const label = (text: string) => `"${text.replace(/"/g, "#quot;")}"`;

export function organizationDiagram(config: OrgConfig): string {
  const lines = ["flowchart LR"];
  const children = (parent: string | undefined) => config.organizationalUnits.filter((ou) => ou.parent === parent);
  const accountsIn = (ou: string | undefined) => config.accounts.filter((a) => (ou === undefined ? a.isManagement : a.ou === ou));
  const accountNode = (a: OrgConfig["accounts"][number], pad: string) => {
    const role = a.isManagement ? "management" : a.environments.length > 0 ? `environment ${a.environments.join(", ")}` : undefined;
    lines.push(`${pad}${id("account", a.name)}[${label(role === undefined ? a.name : `${a.name} (${role})`)}]`);
  };
  const ouTree = (ou: string, depth: number) => {
    const pad = "  ".repeat(depth);
    lines.push(`${pad}subgraph ${id("ou", ou)}[${label(`OU ${ou}`)}]`);
    for (const a of accountsIn(ou)) accountNode(a, `${pad}  `);
    for (const child of children(ou)) ouTree(child.name, depth + 1);
    lines.push(`${pad}end`);
  };

  lines.push(`  subgraph root[${label(`organization ${config.name}`)}]`);
  for (const a of accountsIn(undefined)) accountNode(a, "    ");
  for (const ou of children(undefined)) ouTree(ou.name, 2);
  lines.push("  end");

  const stacks = stackEntries(config);
  for (const s of stacks) lines.push(`  ${id("stack", s.id)}[[${label(`stack ${s.id}`)}]]`);
  for (const s of stacks) lines.push(`  ${id("stack", s.id)} -. deploys into .-> ${id("account", s.account.name)}`);
  // Deploy order: only the direct predecessors, so the picture stays readable.
  for (const s of stacks) for (const before of s.follows) lines.push(`  ${id("stack", before)} ==> ${id("stack", s.id)}`);

  const stackIds = new Set(stacks.map((s) => s.id));
  for (const row of promotionRows(config.environments)) {
    const target = appStackId(row.environment);
    if (!stackIds.has(target)) continue;
    const gate = row.requiresOnBranch === undefined ? "" : ` (commit on ${row.requiresOnBranch})`;
    lines.push(`  ${id("ref", row.ref)}([${label(`git ${row.ref}${gate}`)}]) -- promotes --> ${id("stack", target)}`);
  }
  return lines.join("\n");
}

/** The diagram as the README shows it: a fenced mermaid block and what the arrows mean. */
export function organizationDiagramSection(config: OrgConfig): string {
  return [
    "```mermaid",
    organizationDiagram(config),
    "```",
    "",
    "Dotted: the account a stack deploys into. Thick: deploy order (a stack after the ones it reads). Rounded: the git ref that promotes to an environment.",
  ].join("\n");
}
