import type { SyntaxNode } from '@lezer/common';
import type { DurationExpr } from '../syntax-tree.ts';
import { fail, kids } from './lezer-node.ts';
import { parseDurationLiteral, parseNumberLiteral } from './literals.ts';

const BINARY: Record<string, '+' | '-' | '*' | '/' | '%' | '^'> = {
  Add: '+', Sub: '-', Mul: '*', Div: '/', Mod: '%', Pow: '^',
};

/**
 * A duration in a range, subquery step or offset: a plain literal gives milliseconds; anything
 * else (arithmetic, step(), range(), min_of/max_of) stays an expression resolved per query.
 */
export function buildDuration(node: SyntaxNode, text: string): { ms: number } | { expr: DurationExpr } {
  const expr = buildDurationExpr(node, text);
  if (expr.kind === 'literal') return { ms: expr.ms };
  if (expr.kind === 'unary' && expr.expr.kind === 'literal') {
    return { ms: expr.op === '-' ? -expr.expr.ms : expr.expr.ms };
  }
  return { expr };
}

function buildDurationExpr(node: SyntaxNode, text: string): DurationExpr {
  const children = kids(node);
  if (node.name === 'NumberDurationLiteralInDurationContext' || node.name === 'NumberDurationLiteral') {
    return { kind: 'literal', ms: literalMs(node, text) };
  }
  if (children.length === 1) {
    const only = children[0];
    if (only.name === 'DurationStep') return { kind: 'step' };
    if (only.name === 'DurationRange') return { kind: 'range' };
    return buildDurationExpr(only, text);
  }
  const first = children[0];
  if (first.name === 'UnaryOp' && children.length === 2) {
    const op = text.slice(first.from, first.to).trim() === '-' ? '-' : '+';
    return { kind: 'unary', op, expr: buildDurationExpr(children[1], text) };
  }
  if ((first.name === 'DurationMinOf' || first.name === 'DurationMaxOf') && children.length === 3) {
    return {
      kind: 'minmax',
      op: first.name === 'DurationMinOf' ? 'min_of' : 'max_of',
      lhs: buildDurationExpr(children[1], text),
      rhs: buildDurationExpr(children[2], text),
    };
  }
  if (children.length === 3 && BINARY[children[1].name]) {
    return {
      kind: 'binary',
      op: BINARY[children[1].name],
      lhs: buildDurationExpr(children[0], text),
      rhs: buildDurationExpr(children[2], text),
    };
  }
  return fail(node, 'expected number literal or duration expression');
}

/** A number (seconds) or a duration literal, in milliseconds. */
function literalMs(node: SyntaxNode, text: string): number {
  const raw = text.slice(node.from, node.to).replace(/\s+/g, '');
  const d = parseDurationLiteral(raw.replace(/^[+-]/, ''));
  if (d !== undefined && !/^[+-]?\d+$/.test(raw)) return raw.startsWith('-') ? -d : d;
  const seconds = parseNumberLiteral(raw);
  if (seconds === undefined || !Number.isFinite(seconds)) return fail(node, `invalid duration ${JSON.stringify(raw)}`);
  return Math.round(seconds * 1000);
}

/**
 * Evaluates a duration expression for a query with the given step and range (ms), as
 * Prometheus's durationVisitor does: arithmetic in seconds, then truncated to milliseconds.
 * Returns an error message instead of a value when the duration is unusable.
 */
export function resolveDuration(expr: DurationExpr, step: number, range: number, allowNegative: boolean): number | string {
  const seconds = durationSeconds(expr, step, range);
  if (typeof seconds === 'string') return seconds;
  if (!Number.isFinite(seconds)) return 'duration is NaN or infinite';
  if (seconds <= 0 && !allowNegative) return 'duration must be greater than 0';
  return Math.trunc(seconds * 1000);
}

function durationSeconds(expr: DurationExpr, step: number, range: number): number | string {
  switch (expr.kind) {
    case 'literal':
      return expr.ms / 1000;
    case 'step':
      return step / 1000;
    case 'range':
      return range / 1000;
    case 'unary': {
      const v = durationSeconds(expr.expr, step, range);
      return typeof v === 'string' || expr.op === '+' ? v : -v;
    }
    default: {
      const a = durationSeconds(expr.lhs, step, range);
      const b = durationSeconds(expr.rhs, step, range);
      if (typeof a === 'string') return a;
      if (typeof b === 'string') return b;
      if (expr.kind === 'minmax') return expr.op === 'min_of' ? Math.min(a, b) : Math.max(a, b);
      if (expr.op === '/' && b === 0) return 'division by zero';
      if (expr.op === '%' && b === 0) return 'modulo by zero';
      return { '+': a + b, '-': a - b, '*': a * b, '/': a / b, '%': a % b, '^': a ** b }[expr.op];
    }
  }
}
