import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, visit, type Document } from 'yaml';
import type { ConfigIssue } from '../util/errors.ts';
import type { PathIssue, YamlPath } from './path-issue.ts';

/**
 * Parsed YAML documents that remember where every node came from, so a problem found later (by a
 * schema, a cross-check or Argo's rules) is reported as file:line:column. The one place that turns
 * a YAML path into a position, for every loader.
 */
export interface YamlSource {
  file: string;
  doc: Document;
  lines: LineCounter;
  /** The plain JS value of the document. */
  value: unknown;
  /** 0-based position among the file's non-empty documents. */
  index: number;
  /** Columns removed by dedenting (added back to every reported column). */
  indent: number;
}

export interface ParseYamlOptions {
  /**
   * Strip an indentation shared by every line first: blocks copied from a list in a doc page
   * (Argo's examples) are indented as a whole, `---` separators included, which YAML only
   * recognises at column 0. Columns are still reported in the original text.
   */
  dedent?: boolean;
}

// An indented "..." line: docs use it for "the rest is elided"; YAML reads it as a value.
const ELIDED = /^[ \t]+\.\.\.[ \t]*$/m;
const ELIDED_HINT = 'this looks like a documentation fragment: "..." stands for elided content; write the full manifest';

/**
 * Every non-empty document of a YAML text. A document with syntax errors becomes issues (with
 * positions) instead of a source; the others still load, so all problems are reported at once.
 */
export function parseYamlSources(text: string, file: string, opts: ParseYamlOptions = {}): { sources: YamlSource[]; issues: ConfigIssue[] } {
  const { body, indent } = opts.dedent ? dedentText(text) : { body: text, indent: 0 };
  const lines = new LineCounter();
  // logLevel 'error': library code prints nothing (yaml would warn on the console otherwise).
  const docs = parseAllDocuments(body, { lineCounter: lines, prettyErrors: false, logLevel: 'error' });
  const sources: YamlSource[] = [];
  const issues: ConfigIssue[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) {
      const hint = opts.dedent && ELIDED.test(body) ? { hint: ELIDED_HINT } : {};
      for (const err of doc.errors) {
        const pos = lines.linePos(err.pos[0]);
        issues.push({ ...(file ? { file } : {}), path: '', line: pos.line, column: pos.col + indent, message: `YAML syntax: ${err.message.split('\n')[0]}`, ...hint });
      }
      continue;
    }
    if (doc.contents === null) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      // An alias without its anchor, or too many aliases (a billion-laughs file): yaml only
      // finds out while building the value. Pointed at the first alias, where such trouble starts.
      const pos = lines.linePos(firstAliasOffset(doc));
      issues.push({ ...(file ? { file } : {}), path: '', line: pos.line, column: pos.col + indent, message: `YAML: ${(err as Error).message.split('\n')[0]}` });
      continue;
    }
    sources.push({ file, doc, lines, value, index: sources.length, indent });
  }
  return { sources, issues };
}

function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/**
 * line:column of the node at `path`: the value of a mapping entry (its key when `atKey`, or when
 * the value is empty), else the nearest existing ancestor, where the missing part would go.
 */
export function locate(source: YamlSource, path: readonly PropertyKey[], opts: { atKey?: boolean } = {}): Pick<ConfigIssue, 'line' | 'column'> {
  let node: unknown = source.doc.contents;
  let offset = rangeStart(node);
  for (const [i, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
      if (!(opts.atKey && i === path.length - 1)) offset = rangeStart(node) ?? offset;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      node = node.items[segment];
      offset = rangeStart(node) ?? offset;
    } else break;
  }
  if (offset === undefined) return {};
  const pos = source.lines.linePos(offset);
  return { line: pos.line, column: pos.col + source.indent };
}

/** The YAML path as users read it: spec.deploy.changes[0].file */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    // A key that is not a plain name (empty, spaces, dots, quotes) is quoted, so the path stays one token.
    else if (!/^[A-Za-z0-9_$-]+$/.test(String(seg))) out += `[${JSON.stringify(String(seg))}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

/** Issues found in a value -> ConfigIssues; located when the value came from YAML (`source`). */
export function locateIssues(issues: readonly PathIssue[], source: YamlSource | undefined, file = source?.file): ConfigIssue[] {
  return issues.map((issue) => ({
    ...(file ? { file } : {}),
    path: formatPath(issue.path),
    ...(source ? locate(source, issue.path, { atKey: issue.atKey }) : {}),
    message: issue.message,
    ...(issue.hint !== undefined ? { hint: issue.hint } : {}),
  }));
}

/** In reading order: a schema's and the rules' issues interleave by where they are. */
export function sortByPosition(issues: readonly ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? range[0] : undefined;
}

function dedentText(text: string): { body: string; indent: number } {
  const lines = text.split('\n');
  let indent = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    indent = Math.min(indent, line.length - line.trimStart().length);
  }
  if (!Number.isFinite(indent) || indent === 0 || lines.some((l) => /^\t/.test(l))) return { body: text, indent: 0 };
  const strip = (l: string): string => (l.length - l.trimStart().length < indent ? l.trimStart() : l.slice(indent));
  return { body: lines.map(strip).join('\n'), indent };
}
