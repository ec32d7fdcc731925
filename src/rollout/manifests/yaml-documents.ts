import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { ConfigIssue } from '../../util/errors.ts';

/**
 * Multi-document YAML (`---`), remembering where every node came from so an issue found later can
 * say file:line:column. Blocks copied from a list in a doc page are often indented as a whole,
 * separators included; such text is dedented first (columns are reported in the original text).
 */
// An indented "..." line: docs use it for "the rest is elided"; YAML reads it as a value.
const ELIDED = /^[ \t]+\.\.\.[ \t]*$/m;

export interface ManifestDocument {
  /** 0-based position among the non-empty documents of the file. */
  index: number;
  doc: Document;
  value: unknown;
}

export interface ParsedManifestText {
  file: string;
  documents: ManifestDocument[];
  issues: ConfigIssue[];
  lineCounter: LineCounter;
  /** Columns removed by dedenting. */
  indent: number;
}

export function parseManifestText(text: string, file: string): ParsedManifestText {
  const { body, indent } = dedentText(text);
  const lineCounter = new LineCounter();
  // logLevel 'error': library code prints nothing (yaml would warn on the console otherwise).
  const docs = parseAllDocuments(body, { lineCounter, prettyErrors: false, logLevel: 'error' });
  const list = Array.isArray(docs) ? docs : [docs];
  const parsed: ParsedManifestText = { file, documents: [], issues: [], lineCounter, indent };
  for (const doc of list) {
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const pos = lineCounter.linePos(err.pos[0]);
        parsed.issues.push({
          file, path: '', line: pos.line, column: pos.col + indent,
          message: `YAML syntax: ${err.message.split('\n')[0]}`,
          ...(ELIDED.test(body) ? { hint: 'this looks like a documentation fragment: "..." stands for elided content; write the full manifest' } : {}),
        });
      }
      continue;
    }
    if (doc.contents === null) continue;
    parsed.documents.push({ index: parsed.documents.length, doc, value: doc.toJS({ maxAliasCount: 100 }) });
  }
  return parsed;
}

/** A ConfigIssue for `path` inside document `d`, located at the deepest existing node. */
export function locateIssue(
  parsed: ParsedManifestText,
  d: ManifestDocument,
  path: readonly (string | number)[],
  message: string,
  hint?: string,
  atKey = false,
): ConfigIssue {
  const offset = findOffset(d.doc, path, atKey);
  const pos = offset === undefined ? undefined : parsed.lineCounter.linePos(offset);
  return {
    file: parsed.file,
    path: formatYamlPath(path),
    ...(pos ? { line: pos.line, column: pos.col + parsed.indent } : {}),
    message,
    ...(hint ? { hint } : {}),
  };
}

/** `spec.strategy.canary.steps[2].pause.duration` */
export function formatYamlPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

function findOffset(doc: Document, path: readonly (string | number)[], atKey: boolean): number | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const [i, seg] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      // The key when asked for (unknown field) or when the value is missing; else the value.
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
      if (!(atKey && i === path.length - 1)) offset = rangeStart(node) ?? offset;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
      node = node.items[seg];
      offset = rangeStart(node) ?? offset;
    } else break;
  }
  return offset;
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
