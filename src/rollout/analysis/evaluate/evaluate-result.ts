/**
 * The judge: utils/evaluate/evaluate.go:EvaluateResult. Success is evaluated first; an error in
 * either condition makes the measurement Error (and the failure condition is not evaluated after a
 * failed success condition). No conditions at all → Successful (the docs' "Inconclusive" is wrong,
 * SEMANTICS §12.1). Both false with both set → Inconclusive.
 */
import type { BoundResult } from '../expr/bound-result.ts';
import { evaluateCondition, ExprError } from '../expr/evaluate-condition.ts';
import type { AnalysisPhase, Metric } from '../types.ts';

export interface Judgement {
  phase: AnalysisPhase;
  /** Set when phase is Error: the message Argo stores on the measurement. */
  error?: string;
}

export function evaluateResult(result: BoundResult, metric: Pick<Metric, 'successCondition' | 'failureCondition'>, nowMs = 0): Judgement {
  const success = metric.successCondition ?? '';
  const failure = metric.failureCondition ?? '';
  let successHolds = false;
  let failureHolds = false;
  if (success !== '') {
    const out = evaluate('successCondition', success, result, nowMs);
    if (typeof out === 'string') return { phase: 'Error', error: out };
    successHolds = out;
  }
  if (failure !== '') {
    const out = evaluate('failureCondition', failure, result, nowMs);
    if (typeof out === 'string') return { phase: 'Error', error: out };
    failureHolds = out;
  }
  if (success === '' && failure === '') return { phase: 'Successful' };
  if (success !== '' && failure === '') failureHolds = !successHolds;
  if (success === '' && failure !== '') successHolds = !failureHolds;
  if (failureHolds) return { phase: 'Failed' };
  if (!successHolds) return { phase: 'Inconclusive' };
  return { phase: 'Successful' };
}

/** The boolean, or the formatted error message (evaluate.go:formatEvalError, PR #4680 wording). */
function evaluate(kind: string, expression: string, result: BoundResult, nowMs: number): boolean | string {
  try {
    return evaluateCondition(expression, result, { nowMs });
  } catch (err) {
    if (!(err instanceof ExprError)) throw err;
    if (isNilOrEmpty(result)) {
      return `could not evaluate ${kind} "${expression}": metric result is nil or empty: no data returned from the metric provider`;
    }
    return `could not evaluate ${kind} "${expression}": ${err.message}`;
  }
}

function isNilOrEmpty(result: BoundResult): boolean {
  return result.value === null || (Array.isArray(result.value) && result.value.length === 0);
}
