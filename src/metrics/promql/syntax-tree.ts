import type { LabelMatcher } from '../tsdb.ts';
import type { FunctionDef } from './function-table.ts';

/**
 * Typed PromQL syntax tree, shaped like Prometheus's parser/ast.go so that the evaluator can
 * follow engine.go closely. Positions are character offsets into the query text.
 * Times and durations are milliseconds.
 */
export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

export interface PosRange {
  start: number;
  end: number;
}

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%' | '^' | 'atan2'
  | '==' | '!=' | '>' | '<' | '>=' | '<='
  | 'and' | 'or' | 'unless';

export type AggregateOp =
  | 'sum' | 'avg' | 'min' | 'max' | 'count' | 'group' | 'stddev' | 'stdvar'
  | 'topk' | 'bottomk' | 'quantile' | 'count_values' | 'limitk' | 'limit_ratio';

/** `@ <time>` or `@ start()` / `@ end()`, resolved against the query's range before evaluation. */
export type AtModifier = { kind: 'time'; ms: number } | { kind: 'start' } | { kind: 'end' };

/**
 * A duration written as an expression (`5m * 2`, `step()`, `min_of(1m, range())`). Prometheus 3
 * resolves these once per query, because `step()` and `range()` depend on the query.
 */
export type DurationExpr =
  | { kind: 'literal'; ms: number }
  | { kind: 'step' }
  | { kind: 'range' }
  | { kind: 'unary'; op: '-' | '+'; expr: DurationExpr }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/' | '%' | '^'; lhs: DurationExpr; rhs: DurationExpr }
  | { kind: 'minmax'; op: 'min_of' | 'max_of'; lhs: DurationExpr; rhs: DurationExpr };

export interface NumberLiteral {
  kind: 'number';
  value: number;
  pos: PosRange;
}

export interface StringLiteral {
  kind: 'string';
  value: string;
  pos: PosRange;
}

export interface VectorSelector {
  kind: 'vectorSelector';
  /** Metric name written outside the braces, if any (also present as a `__name__` matcher). */
  name?: string;
  matchers: LabelMatcher[];
  offset: number;
  offsetExpr?: DurationExpr;
  at?: AtModifier;
  anchored?: boolean;
  smoothed?: boolean;
  pos: PosRange;
}

export interface MatrixSelector {
  kind: 'matrixSelector';
  selector: VectorSelector;
  range: number;
  rangeExpr?: DurationExpr;
  pos: PosRange;
}

export interface SubqueryExpr {
  kind: 'subquery';
  expr: Expr;
  range: number;
  rangeExpr?: DurationExpr;
  /** 0 means "no step given": the engine's default subquery step is used. */
  step: number;
  stepExpr?: DurationExpr;
  offset: number;
  offsetExpr?: DurationExpr;
  at?: AtModifier;
  pos: PosRange;
}

export interface Call {
  kind: 'call';
  func: FunctionDef;
  args: Expr[];
  pos: PosRange;
}

export interface AggregateExpr {
  kind: 'aggregate';
  op: AggregateOp;
  expr: Expr;
  param?: Expr;
  grouping: string[];
  without: boolean;
  pos: PosRange;
}

export type Cardinality = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';

export interface VectorMatching {
  card: Cardinality;
  /** Labels named in on(...) / ignoring(...). */
  matchingLabels: string[];
  on: boolean;
  /** Labels named in group_left(...) / group_right(...). */
  include: string[];
  fill: { lhs?: number; rhs?: number };
}

export interface BinaryExpr {
  kind: 'binary';
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
  returnBool: boolean;
  /** Set only when both sides are instant vectors (as Prometheus does after type checking). */
  matching?: VectorMatching;
  pos: PosRange;
}

export interface UnaryExpr {
  kind: 'unary';
  op: '-' | '+';
  expr: Expr;
  pos: PosRange;
}

export interface ParenExpr {
  kind: 'paren';
  expr: Expr;
  pos: PosRange;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | SubqueryExpr
  | Call
  | AggregateExpr
  | BinaryExpr
  | UnaryExpr
  | ParenExpr;

export const COMPARISON_OPS: ReadonlySet<BinaryOp> = new Set(['==', '!=', '>', '<', '>=', '<=']);
export const SET_OPS: ReadonlySet<BinaryOp> = new Set(['and', 'or', 'unless']);

/** The value type an expression evaluates to (Prometheus's Expr.Type()). */
export function typeOf(expr: Expr): ValueType {
  switch (expr.kind) {
    case 'number':
      return 'scalar';
    case 'string':
      return 'string';
    case 'vectorSelector':
    case 'aggregate':
      return 'vector';
    case 'matrixSelector':
    case 'subquery':
      return 'matrix';
    case 'call':
      return expr.func.returnType;
    case 'binary':
      return typeOf(expr.lhs) === 'scalar' && typeOf(expr.rhs) === 'scalar' ? 'scalar' : 'vector';
    case 'unary':
    case 'paren':
      return typeOf(expr.expr);
  }
}

/** Prometheus's DocumentedType: the names used in its error messages. */
export function documentedType(t: ValueType | 'none'): string {
  switch (t) {
    case 'vector':
      return 'instant vector';
    case 'matrix':
      return 'range vector';
    default:
      return t;
  }
}

/** Drops redundant parentheses (Prometheus does this for function and aggregation arguments). */
export function unwrapParens(expr: Expr): Expr {
  let e = expr;
  while (e.kind === 'paren') e = e.expr;
  return e;
}

/** Calls `visit` on every node, parents first, with the path of ancestors. */
export function inspect(expr: Expr, visit: (node: Expr, path: readonly Expr[]) => void, path: Expr[] = []): void {
  visit(expr, path);
  path.push(expr);
  for (const child of childrenOf(expr)) inspect(child, visit, path);
  path.pop();
}

export function childrenOf(expr: Expr): Expr[] {
  switch (expr.kind) {
    case 'matrixSelector':
      return [expr.selector];
    case 'subquery':
    case 'unary':
    case 'paren':
      return [expr.expr];
    case 'call':
      return expr.args;
    case 'aggregate':
      return expr.param ? [expr.param, expr.expr] : [expr.expr];
    case 'binary':
      return [expr.lhs, expr.rhs];
    default:
      return [];
  }
}
