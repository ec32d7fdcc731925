import { parser as lezer } from '@prometheus-io/lezer-promql';
import { FUNCTIONS } from '../function-table.ts';

/**
 * The official grammar (@prometheus-io/lezer-promql) has a few gaps against Prometheus's own
 * parser. Two are closed here by rewriting the text before lezer sees it, keeping every
 * character offset so positions in errors stay true:
 *  - `2.` and `1./6.`: a number with a trailing dot is an error node in lezer; Go's ParseFloat
 *    reads it. The dot becomes a space.
 *  - functions missing from lezer's fixed list (min_of, max_of, ...): the name is replaced by
 *    `abs` padded with spaces, and the real name is remembered by its offset. In durations
 *    (`[...]`, after `offset`) lezer knows them, in lower case only: they are lower-cased there.
 * The third gap (`-2 ^ 2` read as `(-2)^2`) is a tree shape, fixed in the tree builder.
 */
export interface PreparedQuery {
  /** The text given to lezer: same length as the query. */
  text: string;
  /** Real function names of rewritten calls, by the offset of the name. */
  renamedFunctions: Map<number, string>;
}

let lezerFunctions: Set<string> | undefined;
const DURATION_KEYWORDS = new Set(['step', 'range', 'min_of', 'max_of']);

/** Functions of our table that lezer parses as function calls (checked once against lezer itself). */
function knownToLezer(name: string): boolean {
  if (!lezerFunctions) {
    lezerFunctions = new Set();
    for (const fn of FUNCTIONS.keys()) {
      const top = lezer.parse(`${fn}()`).topNode.firstChild;
      if (top?.name === 'FunctionCall') lezerFunctions.add(fn);
    }
  }
  return lezerFunctions.has(name);
}

export function prepareForLezer(query: string): PreparedQuery {
  const renamedFunctions = new Map<number, string>();
  let text = '';
  for (const seg of splitCode(query)) {
    if (!seg.code) {
      text += seg.text;
      continue;
    }
    let code = seg.text
      .replace(/(^|[^\w.])(\d+)\.([eE][+-]?\d+)(?![\w.])/g, (_m, pre: string, int: string, exp: string) => `${pre}${int}${exp} `)
      .replace(/(^|[^\w.])(\d+)\.(?![\w.])/g, (_m, pre: string, int: string) => `${pre}${int} `);
    const original = code;
    code = code.replace(/([A-Za-z_][A-Za-z0-9_]*)(\s*\()/g, (m, name: string, paren: string, offset: number) => {
      const before = original[offset - 1] ?? '';
      if (/[\w:.]/.test(before)) return m;
      const lower = name.toLowerCase();
      if (DURATION_KEYWORDS.has(lower) && inDurationContext(text + original.slice(0, offset))) {
        // Inside [...] or after `offset`, lezer reads these as duration functions itself; they
        // are keywords there, so Prometheus accepts any case.
        return lower + paren;
      }
      if (!FUNCTIONS.has(name) || knownToLezer(name) || name.length < 3) return m;
      renamedFunctions.set(seg.start + offset, name);
      return `abs${' '.repeat(name.length - 3)}${paren}`;
    });
    text += code;
  }
  return { text, renamedFunctions };
}

/** True when the text so far ends inside square brackets or inside an offset's duration. */
function inDurationContext(before: string): boolean {
  let depth = 0;
  let code = '';
  for (const seg of splitCode(before)) {
    if (!seg.code) continue;
    code += seg.text;
    for (const c of seg.text) {
      if (c === '[') depth++;
      else if (c === ']') depth--;
    }
  }
  if (depth > 0) return true;
  const at = code.search(/\boffset\b(?![\s\S]*\boffset\b)/i);
  if (at < 0) return false;
  const tail = code.slice(at + 'offset'.length);
  if (/^[\s(+-]*$/.test(tail)) return true;
  const open = (tail.match(/\(/g) ?? []).length - (tail.match(/\)/g) ?? []).length;
  return open > 0 && /^\s*[-+]?\s*(\(|(min_of|max_of)\s*\()/i.test(tail);
}

interface Segment {
  text: string;
  start: number;
  code: boolean;
}

/** Splits the query into code and non-code (string literals, comments), so rewrites skip strings. */
export function splitCode(query: string): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number, code: boolean): void => {
    if (end > start) out.push({ text: query.slice(start, end), start, code });
    start = end;
  };
  while (i < query.length) {
    const c = query[i];
    if (c === '"' || c === "'" || c === '`') {
      push(i, true);
      let j = i + 1;
      while (j < query.length && query[j] !== c) j += c !== '`' && query[j] === '\\' ? 2 : 1;
      i = Math.min(j + 1, query.length);
      push(i, false);
    } else if (c === '#') {
      push(i, true);
      const nl = query.indexOf('\n', i);
      i = nl < 0 ? query.length : nl;
      push(i, false);
    } else i++;
  }
  push(query.length, true);
  return out;
}
