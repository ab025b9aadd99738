/**
 * Files (and parts of files) derived from config, never written by hand:
 * the README's promotion table (config/promotion.ts) and diagram, and each
 * account folder's stack facts (stack-sections.ts). `npm run docs`
 * writes them; a test fails when a committed copy differs from what the
 * config generates. Pure: text in, text out.
 */
import type { OrgConfig } from "../../config/model.ts";
import { promotionRows } from "../../config/promotion.ts";
import { appStackId } from "../../naming/names.ts";
import { STACK_FOLDERS } from "../../stacks/registry.ts";
import { organizationDiagramSection } from "./organization-diagram.ts";
import { stackSection } from "./stack-sections.ts";

/** A generated part of a hand-written file, between two marker comments. */
export interface GeneratedSection {
  /** Relative to the repository root. */
  readonly file: string;
  readonly name: string;
  readonly content: string;
}

export function beginMarker(name: string): string {
  return `<!-- generated: ${name} (npm run docs writes it from config/; do not edit by hand) -->`;
}

export function endMarker(name: string): string {
  return `<!-- end generated: ${name} -->`;
}

/** The README's promotion table: which ref deploys which environment, derived from the promotion functions. */
export function promotionTable(config: OrgConfig): string {
  const lines = ["| git ref | environment | deploys | protected |", "| --- | --- | --- | --- |"];
  for (const row of promotionRows(config.environments)) {
    const where = `\`${appStackId(row.environment)}\` into the \`${row.account}\` account`;
    const gate = row.requiresOnBranch === undefined ? "" : `, only a commit already on \`${row.requiresOnBranch}\``;
    lines.push(`| \`${row.ref}\` | ${row.environment.toUpperCase()} | ${where}${gate} | ${row.protected ? "yes" : "no"} |`);
  }
  lines.push("| anything else | none | nothing (`deploy:ci` says so and exits 0) | |");
  return lines.join("\n");
}

/** `repoRoot` only turns absolute paths of config (the local state folder) into the repository-relative ones a README shows. */
export function generatedSections(config: OrgConfig, repoRoot: string): GeneratedSection[] {
  const stackParts = STACK_FOLDERS.flatMap((folder) => {
    const content = stackSection(config, repoRoot, folder);
    return content === undefined ? [] : [{ file: `${folder}/README.md`, name: "stack facts", content }];
  });
  return [
    { file: "README.md", name: "promotion table", content: promotionTable(config) },
    { file: "README.md", name: "organization diagram", content: organizationDiagramSection(config) },
    ...stackParts,
  ];
}

/** The file's text with the section replaced; undefined when its markers are missing or out of order. */
export function withSection(text: string, section: GeneratedSection): string | undefined {
  const begin = text.indexOf(beginMarker(section.name));
  const end = text.indexOf(endMarker(section.name));
  if (begin < 0 || end < begin) return undefined;
  return `${text.slice(0, begin)}${beginMarker(section.name)}\n${section.content}\n${text.slice(end)}`;
}
