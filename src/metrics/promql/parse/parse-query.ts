import { parser as lezer } from '@prometheus-io/lezer-promql';
import { PromqlParseError } from '../errors.ts';
import { FUNCTIONS } from '../function-table.ts';
import type { Expr } from '../syntax-tree.ts';
import { buildExpr } from './build-expr.ts';
import { checkTypes } from './check-types.ts';
import { BuildError, kids } from './lezer-node.ts';
import { prepareForLezer, splitCode } from './lezer-gaps.ts';
import { reassociate } from './reassociate.ts';

const KEYWORDS = new Set([
  'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless',
  'offset', 'atan2', 'fill', 'fill_left', 'fill_right', 'sum', 'avg', 'min', 'max', 'count', 'group',
  'stddev', 'stdvar', 'topk', 'bottomk', 'quantile', 'count_values', 'limitk', 'limit_ratio',
]);

/**
 * Parses a PromQL query into a type-checked syntax tree. Never lets a lezer error node through:
 * every problem becomes a PromqlParseError with its position.
 */
export function parseQuery(query: string): Expr {
  const prepared = prepareForLezer(query);
  const tree = lezer.parse(prepared.text);
  let errorAt: { from: number; to: number } | undefined;
  tree.iterate({
    enter: (n) => {
      if (errorAt) return false;
      if (n.type.isError) errorAt = { from: n.from, to: n.to };
      return undefined;
    },
  });
  if (errorAt) throw syntaxError(query, errorAt);
  const exprs = kids(tree.topNode);
  if (exprs.length === 0) throw new PromqlParseError(query, { start: 0, end: 0 }, 'no expression found in input');
  if (exprs.length > 1) {
    const extra = exprs[1];
    throw new PromqlParseError(query, { start: extra.from, end: extra.to }, `unexpected ${describe(query, extra.from)}`);
  }
  try {
    const expr = reassociate(buildExpr(exprs[0], { text: prepared.text, renamedFunctions: prepared.renamedFunctions }));
    checkTypes(expr);
    return expr;
  } catch (err) {
    if (err instanceof BuildError) throw new PromqlParseError(query, err.pos, err.message);
    throw err;
  }
}

/** The error Prometheus would give at a lezer error node, as close as we can tell. */
function syntaxError(query: string, at: { from: number; to: number }): PromqlParseError {
  const unknown = findUnknownFunction(query);
  if (unknown) {
    return new PromqlParseError(query, unknown.pos, `unknown function with name ${JSON.stringify(unknown.name)}`);
  }
  if (at.from >= query.trimEnd().length) {
    return new PromqlParseError(query, { start: at.from, end: at.from }, 'unexpected end of input');
  }
  const trailingComma = /,\s*\)$/.test(query.slice(0, at.to + 1).trimEnd()) || /^\s*,?\s*\)/.test(query.slice(at.from));
  const detail = trailingComma && query.slice(0, at.from).trimEnd().endsWith(',')
    ? 'trailing commas not allowed in function call args'
    : `unexpected ${describe(query, at.from)}`;
  return new PromqlParseError(query, { start: at.from, end: Math.max(at.to, at.from + 1) }, detail);
}

function describe(query: string, offset: number): string {
  const rest = query.slice(offset);
  const token = /^\s*([A-Za-z_:][\w:]*|\d[\w.]*|\S)/.exec(rest);
  return token ? JSON.stringify(token[1]) : 'end of input';
}

/** An identifier called like a function that no function table knows. */
function findUnknownFunction(query: string): { name: string; pos: { start: number; end: number } } | undefined {
  for (const seg of splitCode(query)) {
    if (!seg.code) continue;
    const re = /([A-Za-z_][A-Za-z0-9_]*)\s*\(/g;
    for (let m = re.exec(seg.text); m; m = re.exec(seg.text)) {
      const before = seg.text[m.index - 1] ?? '';
      const name = m[1];
      if (/[\w:.@]/.test(before) || FUNCTIONS.has(name) || KEYWORDS.has(name.toLowerCase())) continue;
      if (/@\s*$/.test(seg.text.slice(0, m.index))) continue;
      return { name, pos: { start: seg.start + m.index, end: seg.start + m.index + name.length } };
    }
  }
  return undefined;
}
