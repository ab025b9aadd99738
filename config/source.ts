/**
 * A parsed YAML file that remembers where every value came from, so a
 * problem found later (schema, cross-file check) can name its line.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { fieldPath, type Problem } from "./problems.ts";

/** Aliases are legitimate in YAML; thousands of them are an expansion ("billion laughs") attack. */
const MAX_ALIAS_COUNT = 100;

export interface SourceFile {
  /** Path relative to the repository root, as shown in messages. */
  readonly display: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  /** Plain data, or undefined when the file could not be parsed. */
  readonly data: unknown;
}

export function parseSource(display: string, text: string): { source: SourceFile; problems: Problem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true });
  // Only the first syntax error: the ones after it are mostly its echoes.
  const problems: Problem[] = doc.errors.slice(0, 1).map((err) => ({
    file: display,
    line: lines.linePos(err.pos[0]).line,
    field: "yaml",
    message: `${yamlReason(err.code, err.message)} (fix the YAML syntax)`,
  }));
  let data: unknown;
  if (problems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      problems.push({
        file: display,
        line: firstAliasLine(text),
        field: "yaml",
        message: `${(err as Error).message.replace(/\.$/, "")} (expand the aliases by hand; at most ${MAX_ALIAS_COUNT} are allowed)`,
      });
    }
  }
  return { source: { display, doc, lines, data }, problems };
}

function yamlReason(code: string, message: string): string {
  switch (code) {
    case "DUPLICATE_KEY":
      return "a key appears twice in the same mapping";
    case "TAB_AS_INDENT":
      return "a tab is used for indentation; YAML allows only spaces";
    default:
      return message
        .split("\n")[0]!
        .replace(/ at line \d+, column \d+:?$/, "")
        .replace(/\.$/, "");
  }
}

function firstAliasLine(text: string): number {
  const index = text.split("\n").findIndex((l) => /(^|[\s[,{])\*[\w-]+/.test(l));
  return index < 0 ? 1 : index + 1;
}

/**
 * The line of the value at `path`, or of its key when `key` is set (used for
 * unknown keys). A path that does not exist resolves to its nearest parent,
 * which is where a missing field has to be added.
 */
export function lineOf(source: SourceFile, path: readonly PropertyKey[], key = false): number {
  let node: unknown = source.doc.contents;
  let line = 1;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      line = nodeLine(source, node) ?? line;
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return line;
      if (key && i === path.length - 1) return nodeLine(source, pair.key as Node) ?? line;
      node = pair.value;
      line = nodeLine(source, pair.key as Node) ?? line;
    } else if (isSeq(node) && typeof seg === "number") {
      line = nodeLine(source, node) ?? line;
      node = node.items[seg];
      if (node === undefined) return line;
    } else {
      return line;
    }
  }
  return nodeLine(source, node as Node) ?? line;
}

function nodeLine(source: SourceFile, node: Node | null | undefined): number | undefined {
  const start = node?.range?.[0];
  return start === undefined ? undefined : source.lines.linePos(start).line;
}

/** A problem located at a field of a source file. */
export function problemAt(source: SourceFile, path: readonly PropertyKey[], message: string, key = false): Problem {
  return { file: source.display, line: lineOf(source, path, key), field: fieldPath(path) || "(file)", message };
}
