/** The shape of a policy rule and the small helpers rules share. */
import type { ResourceView, StackView } from "./view.ts";

export interface PolicyRule {
  /** Short and stable: used in messages, exemptions and the README table. */
  readonly id: string;
  /** One line: what compliance means. */
  readonly description: string;
  /** The Terraform resource types the rule looks at. */
  readonly resourceTypes: readonly string[];
  /**
   * undefined when the resource complies; otherwise what is wrong and, in
   * parentheses, what to do: "no encryption configuration (add ...)".
   */
  check(resource: ResourceView, stack: StackView): string | undefined;
}

/** A nested block as a list: cdk.tf.json writes single blocks as objects and repeated ones as arrays. */
export function blocks(value: unknown): Record<string, unknown>[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null);
}

/** The first (usually only) block, or an empty object. */
export function block(value: unknown): Record<string, unknown> {
  return blocks(value)[0] ?? {};
}

/** Terraform accepts true and "true" for a bool; anything else (absent, a reference) is not provably true. */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

export function strings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
}

/** "a, b and c" */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
