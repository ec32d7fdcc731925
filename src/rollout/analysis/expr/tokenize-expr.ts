/**
 * Tokenizer for the expr-lang subset Argo conditions use (github.com/expr-lang/expr v1.17.8,
 * parser/lexer/state.go). Token kinds and operator spellings follow that lexer, so the parser can
 * follow expr's parser.go closely.
 */
import { ExprError } from './expr-error.ts';

export type TokenKind = 'identifier' | 'number' | 'string' | 'operator' | 'bracket' | 'eof';

export interface Token {
  kind: TokenKind;
  value: string;
  pos: number;
}

/** Words the expr lexer emits as operators (lexer/state.go:identifier). */
const WORD_OPERATORS = new Set(['in', 'or', 'and', 'matches', 'contains', 'startsWith', 'endsWith', 'let', 'if', 'else']);
const NEGATABLE = new Set(['in', 'matches', 'contains', 'startsWith', 'endsWith']);

export function tokenizeExpr(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, value: string, pos: number): void => {
    tokens.push({ kind, value, pos });
  };
  while (i < source.length) {
    const c = source[i];
    if (/\s/u.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '"' || c === "'") {
      const { value, end } = scanQuoted(source, i);
      push('string', value, start);
      i = end;
    } else if (c === '`') {
      const end = source.indexOf('`', i + 1);
      if (end < 0) throw new ExprError('literal not terminated', start);
      push('string', source.slice(i + 1, end), start);
      i = end + 1;
    } else if (isDigit(c) || (c === '.' && isDigit(source[i + 1] ?? ''))) {
      const end = scanNumber(source, i);
      push('number', source.slice(i, end), start);
      i = end;
    } else if (isIdentStart(c)) {
      let end = i + 1;
      while (end < source.length && isIdentPart(source[end])) end++;
      const word = source.slice(i, end);
      i = end;
      if (word === 'not') {
        i = emitNot(source, i, start, push);
      } else {
        push(WORD_OPERATORS.has(word) ? 'operator' : 'identifier', word, start);
      }
    } else if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw new ExprError('unclosed comment', start);
      i = end + 2;
    } else if (c === '#') {
      push('operator', '#', start);
      i++;
      let end = i;
      while (end < source.length && isIdentPart(source[end])) end++;
      if (end > i) push('identifier', source.slice(i, end), i);
      i = end;
    } else {
      const op = matchOperator(source, i);
      if (!op) throw new ExprError(`unrecognized character: ${describeRune(c)}`, start);
      push('()[]{}'.includes(op) ? 'bracket' : 'operator', op, start);
      i += op.length;
    }
  }
  push('eof', '', source.length);
  return tokens;
}

/** `not in`, `not matches`, ... are single operators; a bare `not` is the unary operator. */
function emitNot(source: string, i: number, start: number, push: (k: TokenKind, v: string, p: number) => void): number {
  push('operator', 'not', start);
  let j = i;
  while (j < source.length && /\s/u.test(source[j])) j++;
  let end = j;
  while (end < source.length && isIdentPart(source[end])) end++;
  const next = source.slice(j, end);
  if (NEGATABLE.has(next)) {
    push('operator', next, j);
    return end;
  }
  return i;
}

const OPERATORS = ['??', '?.', '..', '==', '!=', '<=', '>=', '&&', '||', '**', '::', '|', '!', '<', '>', '+', '-', '*', '/', '%', '^', ',', ';', ':', '?', '.', '=', '(', ')', '[', ']', '{', '}'];

function matchOperator(source: string, i: number): string | undefined {
  return OPERATORS.find((op) => source.startsWith(op, i));
}

function scanNumber(source: string, i: number): number {
  let j = i;
  if (source[j] === '0' && /[xXoObB]/.test(source[j + 1] ?? '')) {
    j += 2;
    while (j < source.length && /[0-9a-fA-F_]/.test(source[j])) j++;
  } else {
    while (j < source.length && /[0-9_]/.test(source[j])) j++;
    // `1..3` is a range, not the float `1.`
    if (source[j] === '.' && source[j + 1] !== '.') {
      j++;
      while (j < source.length && /[0-9_]/.test(source[j])) j++;
    }
    if (/[eE]/.test(source[j] ?? '')) {
      j++;
      if (/[+-]/.test(source[j] ?? '')) j++;
      while (j < source.length && /[0-9_]/.test(source[j])) j++;
    }
  }
  if (j < source.length && isIdentPart(source[j])) {
    throw new ExprError(`bad number syntax: "${source.slice(i, j + 1)}"`, i);
  }
  return j;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0' };

function scanQuoted(source: string, i: number): { value: string; end: number } {
  const quote = source[i];
  let out = '';
  let j = i + 1;
  for (;;) {
    const c = source[j];
    if (c === undefined || c === '\n') throw new ExprError('literal not terminated', i);
    if (c === quote) return { value: out, end: j + 1 };
    if (c === '\\') {
      const e = source[j + 1];
      if (e === 'u' || e === 'x' || e === 'U') {
        const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = source.slice(j + 2, j + 2 + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw new ExprError('invalid char escape', j);
        out += String.fromCodePoint(parseInt(hex, 16));
        j += 2 + len;
        continue;
      }
      if (e === undefined || !(e in ESCAPES)) throw new ExprError('invalid char escape', j);
      out += ESCAPES[e];
      j += 2;
      continue;
    }
    out += c;
    j++;
  }
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isIdentStart(c: string): boolean {
  return c === '_' || c === '$' || /\p{L}/u.test(c);
}

function isIdentPart(c: string): boolean {
  return isIdentStart(c) || /\p{Nd}/u.test(c);
}

function describeRune(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${c}'`;
}
