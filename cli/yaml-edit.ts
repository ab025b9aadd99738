/**
 * Changes to config YAML that keep the file as its author wrote it:
 * comments, blank lines, quoting, spacing, flow or block lists.
 *
 * How: the change is made twice. Once with the yaml Document API, which is
 * always right about the data but re-renders the file in its own layout
 * (e.g. it collapses the spaces before a comment). And once as the smallest
 * text splice at the source ranges the same Document API reports for the
 * nodes involved. The splice is used when parsing it gives exactly the data
 * of the Document edit; otherwise the Document rendering is used. So the
 * result is always the intended data, and in the ordinary case every byte
 * outside the changed value is the author's.
 *
 * Edits are limited to top-level fields, which is all the accounts CLI changes.
 */
import { isDeepStrictEqual } from "node:util";
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, stringify, type ToStringOptions } from "yaml";

export type YamlEdit =
  /** Set a top-level field to a string (added at the end of the file when absent). `comment` replaces the line's trailing comment. */
  | { readonly kind: "set"; readonly key: string; readonly value: string; readonly quote?: boolean; readonly comment?: string }
  /** Add a string to a top-level list. */
  | { readonly kind: "append"; readonly key: string; readonly item: string };

interface Splice {
  readonly at: number;
  readonly to: number;
  readonly text: string;
}

/** Applies `edits` to a YAML file whose top level is a mapping; returns the new text. */
export function editYaml(text: string, edits: readonly YamlEdit[]): string {
  const expected = parseDocument(text);
  if (expected.errors.length > 0 || !isMap(expected.contents)) {
    throw new Error("editYaml: the file is not a YAML mapping (it should have been validated before editing)");
  }
  for (const edit of edits) applyToDocument(expected, edit);
  const want = expected.toJS();

  const spliced = splice(text, edits);
  if (spliced !== undefined) {
    const check = parseDocument(spliced);
    if (check.errors.length === 0 && isDeepStrictEqual(check.toJS(), want)) return spliced;
  }
  return expected.toString(renderOptions(text));
}

/** A new file: optional comment lines, then the fields in the given order. */
export function newYamlFile(comments: readonly string[], fields: readonly (readonly [key: string, value: string, quote?: boolean])[]): string {
  const doc = new Document({});
  for (const [key, value, quote] of fields) doc.set(key, scalar(doc, value, quote));
  const header = comments.map((c) => `# ${c}`.trimEnd() + "\n").join("");
  return header + doc.toString({ lineWidth: 0 });
}

/** 1-based line of a top-level field's value (of the key when `key` is true), or 1 when absent. */
export function lineOfField(text: string, field: string): number {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (!isMap(doc.contents)) return 1;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === field);
  const node = pair?.value ?? pair?.key;
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  return range ? lines.linePos(range[0]).line : 1;
}

function scalar(doc: Document, value: string, quote?: boolean): Scalar {
  const node = doc.createNode(value) as Scalar;
  if (quote) node.type = Scalar.QUOTE_DOUBLE;
  return node;
}

function applyToDocument(doc: Document, edit: YamlEdit): void {
  if (edit.kind === "set") {
    const existing = doc.get(edit.key, true);
    if (isScalar(existing)) {
      existing.value = edit.value;
      existing.type = edit.quote ? Scalar.QUOTE_DOUBLE : Scalar.PLAIN;
      if (edit.comment !== undefined) existing.comment = ` ${edit.comment}`;
    } else {
      const node = scalar(doc, edit.value, edit.quote);
      if (edit.comment !== undefined) node.comment = ` ${edit.comment}`;
      doc.set(edit.key, node);
    }
    return;
  }
  const list = doc.get(edit.key, true);
  if (isSeq(list)) list.add(doc.createNode(edit.item));
  else doc.set(edit.key, doc.createNode([edit.item]));
}

function renderScalar(value: string, quote?: boolean): string {
  return quote ? JSON.stringify(value) : stringify(value, { lineWidth: 0 }).trimEnd();
}

/** The text splices for `edits`, or undefined when one of them has no simple splice (then the caller re-renders). */
function splice(text: string, edits: readonly YamlEdit[]): string | undefined {
  const doc = parseDocument(text);
  const root = doc.contents;
  if (!isMap(root) || root.flow) return undefined;
  const splices: Splice[] = [];
  let appended = "";
  for (const edit of edits) {
    const node = doc.get(edit.key, true);
    if (edit.kind === "set") {
      const rendered = renderScalar(edit.value, edit.quote);
      const comment = edit.comment === undefined ? "" : ` # ${edit.comment}`;
      if (node === undefined) {
        appended += `${edit.key}: ${rendered}${comment}\n`;
        continue;
      }
      if (!isScalar(node) || !node.range) return undefined;
      const [start, end] = node.range;
      splices.push({ at: start, to: end, text: rendered });
      if (comment) splices.push({ at: end, to: lineEnd(text, end), text: comment });
      continue;
    }
    if (!isSeq(node) || !node.range) return undefined;
    const last = node.items.at(-1);
    const item = renderScalar(edit.item);
    if (node.flow) {
      if (last === undefined) {
        const close = text.lastIndexOf("]", node.range[1]);
        if (close < node.range[0]) return undefined;
        splices.push({ at: close, to: close, text: item });
      } else {
        if (!isScalar(last) || !last.range) return undefined;
        splices.push({ at: last.range[1], to: last.range[1], text: `, ${item}` });
      }
      continue;
    }
    if (!isScalar(last) || !last.range) return undefined;
    const dash = text.lastIndexOf("-", last.range[0]);
    const lineStart = text.lastIndexOf("\n", dash) + 1;
    const indent = text.slice(lineStart, dash);
    if (!/^ *$/.test(indent)) return undefined;
    const end = lineEnd(text, last.range[1]);
    splices.push({ at: end, to: end, text: `\n${indent}- ${item}` });
  }
  let result = text;
  for (const s of [...splices].sort((a, b) => b.at - a.at)) result = result.slice(0, s.at) + s.text + result.slice(s.to);
  if (appended) result = (result === "" || result.endsWith("\n") ? result : `${result}\n`) + appended;
  return result;
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf("\n", from);
  return nl < 0 ? text.length : nl;
}

/** Renders like the source where the Document API lets us choose: list indentation, no padding inside [ ], no folding. */
function renderOptions(text: string): ToStringOptions {
  return { lineWidth: 0, flowCollectionPadding: /\[ \S/.test(text), indentSeq: !/^[\w-]+:\s*\n-\s/m.test(text) };
}
