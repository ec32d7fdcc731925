import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { ConfigIssue } from '../util/errors.ts';

/**
 * A parsed YAML document that remembers where every node came from, so a problem found later
 * (by the schema or a cross-check) can be reported as file:line:column.
 */
export interface YamlSource {
  file: string;
  doc: Document;
  lines: LineCounter;
  /** The plain JS value of the document. */
  value: unknown;
}

/** Parses every document of a YAML text. Syntax errors become issues with positions. */
export function parseYamlSources(text: string, file: string): { sources: YamlSource[]; issues: ConfigIssue[] } {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  const issues: ConfigIssue[] = [];
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    for (const err of doc.errors) {
      const pos = lines.linePos(err.pos[0]);
      issues.push({ file, path: '', line: pos.line, column: pos.col, message: `YAML syntax: ${firstLine(err.message)}` });
    }
  }
  if (issues.length > 0) return { sources: [], issues };
  const sources = list
    .filter((doc) => doc.contents !== null)
    .map((doc) => ({ file, doc, lines, value: doc.toJS({ maxAliasCount: 100 }) as unknown }));
  return { sources, issues };
}

/** file:line:col of the node at `path`, or of its nearest existing ancestor. */
export function locate(source: YamlSource, path: readonly PropertyKey[], opts: { key?: string } = {}): Pick<ConfigIssue, 'line' | 'column'> {
  let node: unknown = source.doc.contents;
  let found = node;
  for (const segment of path) {
    const next = childOf(node, segment);
    if (next === undefined) break;
    node = next;
    found = next;
  }
  if (opts.key !== undefined && isMap(found)) {
    const pair = found.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === opts.key);
    if (pair && isScalar(pair.key) && pair.key.range) return position(source, pair.key.range[0]);
  }
  const range = (found as Node | null)?.range;
  return range ? position(source, range[0]) : {};
}

/** The YAML path as users read it: spec.deploy.changes[0].file */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

function childOf(node: unknown, segment: PropertyKey): unknown {
  if (isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
    return pair?.value ?? undefined;
  }
  if (isSeq(node) && typeof segment === 'number') return node.items[segment];
  return undefined;
}

function position(source: YamlSource, offset: number): Pick<ConfigIssue, 'line' | 'column'> {
  const pos = source.lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}
