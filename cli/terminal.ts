/** What the terminal the CLI writes to can show; decided once, by the entry point. */

/** Colour only on a terminal, and never when NO_COLOR is set to anything (https://no-color.org). */
export function colorWanted(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  return Boolean(isTTY) && (env.NO_COLOR === undefined || env.NO_COLOR === "");
}
