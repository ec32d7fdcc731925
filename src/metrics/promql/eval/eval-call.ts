import { PromqlEvalError } from '../errors.ts';
import type { Call, MatrixSelector, SubqueryExpr } from '../syntax-tree.ts';
import { NATIVE_HISTOGRAM_FUNCTIONS } from '../function-table.ts';
import { typeOf, unwrapParens } from '../syntax-tree.ts';
import type { Evaluator } from './evaluator.ts';
import { absentLabels } from './functions/absent-labels.ts';
import {
  ANCHORED_SAFE_FUNCTIONS, NAME_KEEPING_RANGE_FUNCTIONS, RANGE_FUNCTIONS, SMOOTHED_SAFE_FUNCTIONS, VECTOR_FUNCTIONS,
} from './functions/function-registry.ts';
import { asScalar, vector, type Sample, type Value } from './values.ts';

/** Evaluates a function call at one time (the Call branch of Prometheus's evaluator). */
export function evalCall(ev: Evaluator, call: Call, ts: number): Value {
  const name = call.func.name;
  const matrixIndex = call.args.findIndex((a) => typeOf(a) === 'matrix');
  if (matrixIndex >= 0) return evalRangeCall(ev, call, matrixIndex, ts);
  if (name === 'timestamp') {
    // timestamp(selector) reports when the sample was taken, not the evaluation time.
    const arg = unwrapParens(call.args[0]);
    if (arg.kind === 'vectorSelector') {
      const samples = ev.selectInstant(arg, ts, true);
      return vector(samples.map((s) => ({ ...s, f: s.t / 1000, t: ts, dropName: true })));
    }
  }
  const impl = VECTOR_FUNCTIONS[name];
  if (!impl) throw new PromqlEvalError(`function ${name}() is not supported by the embedded engine`);
  const args = call.args.map((a) => (typeOf(a) === 'string' ? ({ type: 'string', v: '' } as Value) : ev.eval(a, ts)));
  if (NATIVE_HISTOGRAM_FUNCTIONS.has(name) && args[0].type === 'vector' && args[0].samples.length > 0) {
    // Prometheus silently returns nothing for float samples here; say why.
    ev.warnings.add(`${name}() reads native histograms, which the embedded engine does not store: it returns nothing for float series (for classic histograms use the _count and _sum series)`);
  }
  return impl(args, { ts, expr: call });
}

function evalRangeCall(ev: Evaluator, call: Call, matrixIndex: number, ts: number): Value {
  const name = call.func.name;
  const arg = unwrapParens(call.args[matrixIndex]) as MatrixSelector | SubqueryExpr;
  const range = ev.evalRangeArg(arg, ts);
  if (range.anchored && !ANCHORED_SAFE_FUNCTIONS.has(name)) {
    throw new PromqlEvalError(`anchored modifier can only be used with: ${[...ANCHORED_SAFE_FUNCTIONS].sort().join(', ')} - not with ${name}`);
  }
  if (range.smoothed && !SMOOTHED_SAFE_FUNCTIONS.has(name)) {
    throw new PromqlEvalError(`smoothed modifier can only be used with: ${[...SMOOTHED_SAFE_FUNCTIONS].sort().join(', ')} - not with ${name}`);
  }
  if (name === 'absent_over_time') {
    if (range.series.length > 0) return vector([]);
    return vector([{ metric: absentLabels(arg), f: 1, t: ts, dropName: true }]);
  }
  const fn = RANGE_FUNCTIONS[name];
  if (!fn) throw new PromqlEvalError(`function ${name}() is not supported by the embedded engine`);
  const scalars = call.args.filter((_, i) => i !== matrixIndex).map((a) => asScalar(ev.eval(a, ts)));
  const dropName = !NAME_KEEPING_RANGE_FUNCTIONS.has(name);
  const rangeCall = { ts, rangeStart: range.rangeStart, rangeEnd: range.rangeEnd, range: range.range, anchored: range.anchored, smoothed: range.smoothed, scalars };
  const out: Sample[] = [];
  for (const s of range.series) {
    let f: number | undefined;
    try {
      f = fn(s, rangeCall);
    } catch (err) {
      if (err instanceof RangeError) throw new PromqlEvalError(err.message);
      throw err;
    }
    if (f !== undefined) out.push({ metric: s.metric, f, t: ts, dropName: dropName || s.dropName });
  }
  return vector(out);
}
