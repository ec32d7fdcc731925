import type { SyntaxNode } from '@lezer/common';
import { FUNCTIONS } from '../function-table.ts';
import type {
  AggregateExpr, AggregateOp, AtModifier, BinaryOp, Expr, MatrixSelector, SubqueryExpr,
  VectorMatching, VectorSelector,
} from '../syntax-tree.ts';
import { COMPARISON_OPS, SET_OPS } from '../syntax-tree.ts';
import { buildDuration } from './build-duration.ts';
import { buildVectorSelector, readString } from './build-selector.ts';
import { fail, kids, posOf } from './lezer-node.ts';
import { parseNumberLiteral } from './literals.ts';

const BINARY_OPS: Record<string, BinaryOp> = {
  Add: '+', Sub: '-', Mul: '*', Div: '/', Mod: '%', Pow: '^', Atan2: 'atan2',
  Eql: '==', Neq: '!=', Gtr: '>', Lss: '<', Gte: '>=', Lte: '<=',
  And: 'and', Or: 'or', Unless: 'unless',
};

export interface BuildContext {
  /** The text lezer parsed (same offsets as the query). */
  text: string;
  renamedFunctions: Map<number, string>;
}

/** Lezer's PromQL tree into our typed syntax tree (structure only; types are checked after). */
export function buildExpr(node: SyntaxNode, ctx: BuildContext): Expr {
  const text = ctx.text;
  const children = kids(node);
  switch (node.name) {
    case 'NumberDurationLiteral': {
      // Lezer folds a sign into the literal; Prometheus reads it as unary minus (so `-2 ^ 2`
      // is -(2 ^ 2)). reassociate() gives it its precedence.
      const raw = text.slice(node.from, node.to);
      const sign = /^\s*([+-])\s*/.exec(raw);
      const digits = sign ? raw.slice(sign[0].length) : raw;
      const value = parseNumberLiteral(digits);
      if (value === undefined) fail(node, `error parsing number: ${raw}`);
      const literal: Expr = { kind: 'number', value, pos: { start: node.to - digits.length, end: node.to } };
      return sign ? { kind: 'unary', op: sign[1] as '-' | '+', expr: literal, pos: posOf(node) } : literal;
    }
    case 'StringLiteral':
      return { kind: 'string', value: readString(node, text), pos: posOf(node) };
    case 'VectorSelector':
      return buildVectorSelector(node, text);
    case 'ParenExpr':
      return { kind: 'paren', expr: buildExpr(children[0], ctx), pos: posOf(node) };
    case 'UnaryExpr': {
      const op = text.slice(children[0].from, children[0].to).trim() === '-' ? '-' : '+';
      return { kind: 'unary', op, expr: buildExpr(children[1], ctx), pos: posOf(node) };
    }
    case 'BinaryExpr':
      return buildBinary(node, children, ctx);
    case 'FunctionCall':
      return buildCall(node, children, ctx);
    case 'AggregateExpr':
      return buildAggregate(node, children, ctx);
    case 'MatrixSelector':
      return buildMatrix(node, children, ctx);
    case 'SubqueryExpr':
      return buildSubquery(node, children, ctx);
    case 'OffsetExpr':
      return buildOffset(node, children, ctx);
    case 'StepInvariantExpr':
      return buildAt(node, children, ctx);
    case 'AnchoredExpr':
    case 'SmoothedExpr':
      return buildExtendedRange(node, children, ctx);
    default:
      return fail(node, `unexpected ${JSON.stringify(text.slice(node.from, node.to))}`);
  }
}

function buildBinary(node: SyntaxNode, children: SyntaxNode[], ctx: BuildContext): Expr {
  const [lhsNode, opNode] = children;
  const rhsNode = children[children.length - 1];
  const op = BINARY_OPS[opNode.name];
  if (opNode.name === 'TrimUpper' || opNode.name === 'TrimLower') {
    fail(opNode, 'the trim operators </ and >/ work on native histograms, which the embedded engine does not support');
  }
  if (!op) fail(opNode, `unexpected operator ${JSON.stringify(ctx.text.slice(opNode.from, opNode.to))}`);
  let returnBool = false;
  const matching: VectorMatching = {
    card: SET_OPS.has(op) ? 'many-to-many' : 'one-to-one', matchingLabels: [], on: false, include: [], fill: {},
  };
  for (const mod of children.slice(2, -1)) {
    if (mod.name === 'BoolModifier') returnBool = true;
    else if (mod.name === 'MatchingModifierClause') readMatching(mod, ctx.text, matching);
    else if (mod.name === 'FillModifier') readFill(mod, ctx, matching);
    else fail(mod, `unexpected ${JSON.stringify(ctx.text.slice(mod.from, mod.to))}`);
  }
  if (returnBool && !COMPARISON_OPS.has(op)) fail(opNode, 'bool modifier can only be used on comparison operators');
  return { kind: 'binary', op, lhs: buildExpr(lhsNode, ctx), rhs: buildExpr(rhsNode, ctx), returnBool, matching, pos: posOf(node) };
}

function readMatching(node: SyntaxNode, text: string, matching: VectorMatching): void {
  let target: 'matching' | 'include' = 'matching';
  for (const child of kids(node)) {
    if (child.name === 'On' || child.name === 'Ignoring') {
      matching.on = child.name === 'On';
      target = 'matching';
    } else if (child.name === 'GroupLeft' || child.name === 'GroupRight') {
      matching.card = child.name === 'GroupLeft' ? 'many-to-one' : 'one-to-many';
      target = 'include';
    } else if (child.name === 'GroupingLabels') {
      const labels = readGroupingLabels(child, text);
      if (target === 'matching') matching.matchingLabels = labels;
      else matching.include = labels;
    }
  }
}

function readFill(node: SyntaxNode, ctx: BuildContext, matching: VectorMatching): void {
  for (const clause of kids(node)) {
    const parts = kids(clause);
    const valueNode = parts[parts.length - 1];
    const built = buildExpr(valueNode, ctx);
    const value = built.kind === 'unary' && built.expr.kind === 'number'
      ? (built.op === '-' ? -built.expr.value : built.expr.value)
      : built.kind === 'number' ? built.value : undefined;
    if (value === undefined) fail(valueNode, 'fill value must be a number');
    if (clause.name === 'FillClause' || clause.name === 'FillLeftClause') matching.fill.lhs = value;
    if (clause.name === 'FillClause' || clause.name === 'FillRightClause') matching.fill.rhs = value;
  }
}

export function readGroupingLabels(node: SyntaxNode, text: string): string[] {
  return kids(node).map((n) => {
    if (n.name === 'LabelName') return text.slice(n.from, n.to);
    if (n.name === 'QuotedLabelName') return readString(kids(n)[0], text);
    if (n.name === 'StringLiteral') return readString(n, text);
    return fail(n, `unexpected ${JSON.stringify(text.slice(n.from, n.to))} in grouping opts`);
  });
}

function buildCall(node: SyntaxNode, children: SyntaxNode[], ctx: BuildContext): Expr {
  const [idNode, bodyNode] = children;
  const name = ctx.renamedFunctions.get(idNode.from) ?? ctx.text.slice(idNode.from, idNode.to);
  const func = FUNCTIONS.get(name);
  if (!func) fail(idNode, `unknown function with name ${JSON.stringify(name)}`);
  const args = bodyNode ? kids(bodyNode).map((a) => buildExpr(a, ctx)) : [];
  return { kind: 'call', func, args, pos: posOf(node) };
}

function buildAggregate(node: SyntaxNode, children: SyntaxNode[], ctx: BuildContext): Expr {
  let op: AggregateOp | undefined;
  let grouping: string[] = [];
  let without = false;
  let args: Expr[] = [];
  for (const child of children) {
    if (child.name === 'AggregateOp') op = ctx.text.slice(child.from, child.to).toLowerCase() as AggregateOp;
    else if (child.name === 'AggregateModifier') {
      for (const m of kids(child)) {
        if (m.name === 'Without') without = true;
        if (m.name === 'GroupingLabels') grouping = readGroupingLabels(m, ctx.text);
      }
    } else if (child.name === 'FunctionCallBody') args = kids(child).map((a) => buildExpr(a, ctx));
  }
  if (!op) return fail(node, 'aggregation operator expected');
  if (args.length === 0) fail(node, 'no arguments for aggregate expression provided');
  const withParam = ['topk', 'bottomk', 'quantile', 'count_values', 'limitk', 'limit_ratio'].includes(op);
  const desired = withParam ? 2 : 1;
  if (args.length !== desired) {
    fail(node, `wrong number of arguments for aggregate expression provided, expected ${desired}, got ${args.length}`);
  }
  const agg: AggregateExpr = { kind: 'aggregate', op, expr: args[desired - 1], grouping, without, pos: posOf(node) };
  if (withParam) agg.param = args[0];
  return agg;
}

/**
 * Lezer binds postfix modifiers (offset, @, [range], [range:step], anchored, smoothed) looser
 * than binary and unary operators: `a or b offset 5m` comes out as `(a or b) offset 5m`.
 * Prometheus binds them tightest, to the operand just before them; so the modifier is moved down
 * to the rightmost operand. Parenthesised expressions are left alone (they are 'paren' nodes).
 */
function pushDown(expr: Expr, apply: (target: Expr) => Expr): Expr {
  if (expr.kind === 'binary') {
    expr.rhs = pushDown(expr.rhs, apply);
    return expr;
  }
  if (expr.kind === 'unary') {
    expr.expr = pushDown(expr.expr, apply);
    return expr;
  }
  return apply(expr);
}

function buildMatrix(node: SyntaxNode, children: SyntaxNode[], ctx: BuildContext): Expr {
  return pushDown(buildExpr(children[0], ctx), (inner) => matrixOf(inner, node, children, ctx));
}

function matrixOf(inner: Expr, node: SyntaxNode, children: SyntaxNode[], ctx: BuildContext): Expr {
  const bracket = { start: children[0].to, end: node.to };
  if (inner.kind !== 'vectorSelector') fail(bracket, 'ranges only allowed for vector selectors');
  if (inner.offset !== 0 || inner.offsetExpr) fail(bracket, 'no offset modifiers allowed before range');
  if (inner.at) fail(bracket, 'no @ modifiers allowed before range');
  const d = buildDuration(children[1], ctx.text);
  if ('ms' in d && d.ms <= 0) fail(children[1], 'duration must be greater than 0');
  const m: MatrixSelector = { kind: 'matrixSelector', selector: inner, range: 'ms' in d ? d.ms : 0, pos: { start: inner.pos.start, end: node.to } };
  if ('expr' in d) m.rangeExpr = d.expr;
  return m;
}

function buildSubquery(node: SyntaxNode, children: SyntaxNode[], ctx: BuildContext): Expr {
  return pushDown(buildExpr(children[0], ctx), (inner) => subqueryOf(inner, children, ctx, node));
}

function subqueryOf(inner: Expr, children: SyntaxNode[], ctx: BuildContext, node: SyntaxNode): Expr {
  const range = buildDuration(children[1], ctx.text);
  if ('ms' in range && range.ms <= 0) fail(children[1], 'duration must be greater than 0');
  const sq: SubqueryExpr = {
    kind: 'subquery', expr: inner, range: 'ms' in range ? range.ms : 0, step: 0, offset: 0, pos: { start: inner.pos.start, end: node.to },
  };
  if ('expr' in range) sq.rangeExpr = range.expr;
  if (children[2]) {
    const step = buildDuration(children[2], ctx.text);
    if ('ms' in step && step.ms <= 0) fail(children[2], 'duration must be greater than 0');
    if ('ms' in step) sq.step = step.ms;
    else sq.stepExpr = step.expr;
  }
  return sq;
}

/** The selector (or subquery) a modifier applies to; `what` names the modifier in errors. */
function modifierTarget(expr: Expr, node: SyntaxNode, what: string): VectorSelector | SubqueryExpr {
  if (expr.kind === 'vectorSelector' || expr.kind === 'subquery') return expr;
  if (expr.kind === 'matrixSelector') return expr.selector;
  return fail(node, `${what} modifier must be preceded by an instant vector selector or range vector selector or a subquery`);
}

function buildOffset(node: SyntaxNode, children: SyntaxNode[], ctx: BuildContext): Expr {
  return pushDown(buildExpr(children[0], ctx), (expr) => withOffset(expr, node, children, ctx));
}

function withOffset(expr: Expr, node: SyntaxNode, children: SyntaxNode[], ctx: BuildContext): Expr {
  const target = modifierTarget(expr, node, 'offset');
  if (target.offset !== 0 || target.offsetExpr) fail(node, 'offset may not be set multiple times');
  const d = buildDuration(children[children.length - 1], ctx.text);
  if ('ms' in d) target.offset = d.ms;
  else target.offsetExpr = d.expr;
  widen(expr, node);
  return expr;
}

function buildAt(node: SyntaxNode, children: SyntaxNode[], ctx: BuildContext): Expr {
  return pushDown(buildExpr(children[0], ctx), (expr) => withAt(expr, node, children, ctx));
}

function withAt(expr: Expr, node: SyntaxNode, children: SyntaxNode[], ctx: BuildContext): Expr {
  const target = modifierTarget(expr, node, '@');
  if (target.at) fail(node, '@ <timestamp> may not be set multiple times');
  const valueNode = children[children.length - 1];
  let at: AtModifier;
  if (valueNode.name === 'AtModifierPreprocessors') {
    at = { kind: kids(valueNode)[0]?.name === 'AtStart' ? 'start' : 'end' };
  } else {
    const raw = ctx.text.slice(valueNode.from, valueNode.to);
    const seconds = parseNumberLiteral(raw);
    if (seconds === undefined || !Number.isFinite(seconds) || Math.abs(seconds) >= 9.2e15) {
      fail(node, `timestamp out of bounds for @ modifier: ${seconds}`);
    }
    at = { kind: 'time', ms: Math.round(seconds * 1000) };
  }
  target.at = at;
  widen(expr, node);
  return expr;
}

function buildExtendedRange(node: SyntaxNode, children: SyntaxNode[], ctx: BuildContext): Expr {
  return pushDown(buildExpr(children[0], ctx), (expr) => withExtendedRange(expr, node));
}

function withExtendedRange(expr: Expr, node: SyntaxNode): Expr {
  const anchored = node.name === 'AnchoredExpr';
  const what = anchored ? 'anchored' : 'smoothed';
  if (expr.kind === 'subquery') fail(node, `${what} modifier is not supported for subqueries`);
  const vs = expr.kind === 'matrixSelector' ? expr.selector : expr.kind === 'vectorSelector' && !anchored ? expr : undefined;
  if (!vs) fail(node, `${what} modifier must be preceded by a range vector selector`);
  if (vs.anchored || vs.smoothed) fail(node, 'anchored and smoothed modifiers cannot be used together');
  if (anchored) vs.anchored = true;
  else vs.smoothed = true;
  widen(expr, node);
  return expr;
}

/** A modifier extends the position of the expression it modifies. */
function widen(expr: Expr, node: SyntaxNode): void {
  expr.pos = { start: expr.pos.start, end: node.to };
  if (expr.kind === 'matrixSelector') expr.selector.pos = { start: expr.selector.pos.start, end: node.to };
}
