/**
 * utils/evaluate/evaluate.go:EvalCondition and EvalTime: compile the expression against the
 * environment (parse, then type-check with the result's static type), run it, and require a bool
 * (or a time). Any failure is an ExprError whose message is what Argo would store.
 */
import type { BoundResult } from './bound-result.ts';
import { ExprChecker } from './check-expr.ts';
import { ExprError } from './expr-error.ts';
import { ExprTime, goTypeName, type ExprValue } from './expr-values.ts';
import { parseExpr } from './parse-expr.ts';
import { ExprRunner } from './run-expr.ts';

export { ExprError } from './expr-error.ts';

export interface EvaluateOptions {
  /** What `now()` returns, in clock ms (range queries); defaults to 0. */
  nowMs?: number;
}

function runChecked(expression: string, variables: Record<string, BoundResult>, result: ExprValue, nowMs: number): ExprValue {
  const ast = parseExpr(expression);
  const natures = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, v.nature]));
  new ExprChecker(natures).visit(ast);
  const values = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, v.value]));
  try {
    return new ExprRunner(values, result, nowMs).run(ast);
  } catch (err) {
    if (err instanceof ExprError) throw err;
    // A JS-level failure (e.g. an invalid regular expression) is a panic in Go terms.
    throw new ExprError(err instanceof Error ? err.message : String(err));
  }
}

/** Evaluates a success/failure condition with `result` bound. Throws ExprError. */
export function evaluateCondition(expression: string, result: BoundResult, opts: EvaluateOptions = {}): boolean {
  const out = runChecked(expression, { result }, result.value, opts.nowMs ?? 0);
  if (typeof out !== 'boolean') throw new ExprError(`expected bool, but got ${goTypeName(out)}`);
  return out;
}

/** Evaluates a range-query bound such as `now() - duration("5m")` to clock ms. Throws ExprError. */
export function evaluateTime(expression: string, nowMs: number): number {
  const out = runChecked(expression, {}, null, nowMs);
  if (!(out instanceof ExprTime)) throw new ExprError(`expected time.Time, but got ${goTypeName(out)}`);
  return out.ms;
}
