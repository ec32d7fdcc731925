import { PromqlEvalError } from '../errors.ts';
import { resolveDuration } from '../parse/build-duration.ts';
import type { AtModifier, DurationExpr, Expr } from '../syntax-tree.ts';
import { unwrapParens } from '../syntax-tree.ts';

/**
 * Prometheus's PreprocessExpr for one query: folds start(), end(), range() and step() into
 * numbers, resolves `@ start()`/`@ end()` and duration expressions, and drops parentheses around
 * function and aggregation arguments. Works on a copy, so a parsed tree can serve many queries.
 */
export interface QueryWindow {
  start: number;
  end: number;
  /** 0 for instant queries. */
  step: number;
}

export function prepareQuery(expr: Expr, w: QueryWindow): Expr {
  const range = w.end - w.start;
  const duration = (d: DurationExpr, allowNegative: boolean): number => {
    const v = resolveDuration(d, w.step, range, allowNegative);
    if (typeof v === 'string') throw new PromqlEvalError(v);
    return v;
  };
  const at = (a: AtModifier | undefined): AtModifier | undefined =>
    a?.kind === 'start' ? { kind: 'time', ms: w.start } : a?.kind === 'end' ? { kind: 'time', ms: w.end } : a;

  const visit = (e: Expr): Expr => {
    switch (e.kind) {
      case 'number':
      case 'string':
        return { ...e };
      case 'vectorSelector':
        return { ...e, offset: e.offsetExpr ? duration(e.offsetExpr, true) : e.offset, at: at(e.at) };
      case 'matrixSelector':
        return {
          ...e,
          selector: visit(e.selector) as typeof e.selector,
          range: e.rangeExpr ? duration(e.rangeExpr, false) : e.range,
        };
      case 'subquery':
        return {
          ...e,
          expr: visit(e.expr),
          range: e.rangeExpr ? duration(e.rangeExpr, false) : e.range,
          step: e.stepExpr ? duration(e.stepExpr, false) : e.step,
          offset: e.offsetExpr ? duration(e.offsetExpr, true) : e.offset,
          at: at(e.at),
        };
      case 'call':
        switch (e.func.name) {
          case 'start':
            return { kind: 'number', value: w.start / 1000, pos: e.pos };
          case 'end':
            return { kind: 'number', value: w.end / 1000, pos: e.pos };
          case 'range':
            return { kind: 'number', value: range / 1000, pos: e.pos };
          case 'step':
            return { kind: 'number', value: w.start === w.end ? 0 : w.step / 1000, pos: e.pos };
          default:
            return { ...e, args: e.args.map((a) => visit(unwrapParens(a))) };
        }
      case 'aggregate':
        return { ...e, expr: visit(unwrapParens(e.expr)), param: e.param && visit(unwrapParens(e.param)) };
      case 'binary':
        return { ...e, lhs: visit(e.lhs), rhs: visit(e.rhs) };
      case 'unary':
      case 'paren':
        return { ...e, expr: visit(e.expr) };
    }
  };
  return visit(expr);
}
