import type { StoredSeries, Tsdb } from '../../tsdb.ts';
import type { AggregateExpr, BinaryExpr, Expr, MatrixSelector, SubqueryExpr, VectorSelector } from '../syntax-tree.ts';
import { SET_OPS, typeOf } from '../syntax-tree.ts';
import { aggregate } from './aggregations.ts';
import { aggregateK, countValues } from './aggregations-k.ts';
import { applyOp, setOp, vectorScalarOp, vectorVectorOp } from './binary-ops.ts';
import { evalCall } from './eval-call.ts';
import { labelsKey } from './label-ops.ts';
import { lookupInstant, lookupSmoothed, rangeWindow } from './sample-lookup.ts';
import { asScalar, asVector, scalar, vector, type RangeSeries, type Sample, type Value } from './values.ts';

/** What one query evaluation needs to know besides the expression. Times in ms. */
export interface EvalContext {
  tsdb: Tsdb;
  /** The query's range (start = end for an instant query). */
  start: number;
  end: number;
  lookbackDelta: number;
  /** Step of a subquery written without one (`x[10m:]`): Prometheus uses its evaluation interval. */
  defaultSubqueryStep: number;
}

/** A range vector argument resolved at one time, with where its window lies. */
export interface RangeArg {
  series: RangeSeries[];
  rangeStart: number;
  rangeEnd: number;
  range: number;
  anchored: boolean;
  smoothed: boolean;
}

/**
 * Evaluates a prepared syntax tree at one time. Range queries call it once per step; results do
 * not depend on the other steps, which is exactly the semantics Prometheus's range evaluation
 * implements. Selections and subquery steps are cached across calls, so the per-step cost is a
 * binary search per series.
 */
export class Evaluator {
  private readonly selections = new Map<VectorSelector, StoredSeries[]>();
  private readonly subqueryCache = new Map<SubqueryExpr, Map<number, Sample[]>>();
  /** Warnings of this evaluation (Prometheus's warning annotations, the few we produce). */
  readonly warnings = new Set<string>();

  constructor(readonly ctx: EvalContext) {}

  eval(expr: Expr, ts: number): Value {
    switch (expr.kind) {
      case 'number':
        return scalar(expr.value);
      case 'string':
        return { type: 'string', v: expr.value };
      case 'paren':
        return this.eval(expr.expr, ts);
      case 'unary':
        return this.evalUnary(expr.op, this.eval(expr.expr, ts));
      case 'vectorSelector':
        return vector(this.selectInstant(expr, ts, false));
      case 'matrixSelector':
        return { type: 'matrix', series: this.evalRangeArg(expr, ts).series };
      case 'subquery':
        return { type: 'matrix', series: this.evalRangeArg(expr, ts).series };
      case 'call':
        return evalCall(this, expr, ts);
      case 'aggregate':
        return vector(this.evalAggregate(expr, ts));
      case 'binary':
        return this.evalBinary(expr, ts);
    }
  }

  /** Samples of an instant selector; `keepSampleTime` gives timestamp() the stored sample times. */
  selectInstant(sel: VectorSelector, ts: number, keepSampleTime: boolean): Sample[] {
    const ref = this.refTime(sel, ts);
    const lookback = this.ctx.lookbackDelta;
    const out: Sample[] = [];
    for (const s of this.seriesOf(sel)) {
      const hit = sel.smoothed ? lookupSmoothed(s, ref, lookback) : lookupInstant(s, ref, lookback);
      if (hit) out.push({ metric: s.labels, f: hit.f, t: keepSampleTime ? hit.t : ts, dropName: false });
    }
    return out;
  }

  /** A matrix selector's windows, or a subquery's evaluated steps, at time ts. */
  evalRangeArg(expr: MatrixSelector | SubqueryExpr, ts: number): RangeArg {
    if (expr.kind === 'subquery') return this.evalSubquery(expr, ts);
    const sel = expr.selector;
    const rangeEnd = this.refTime(sel, ts);
    const rangeStart = rangeEnd - expr.range;
    const lookback = this.ctx.lookbackDelta;
    const anchored = Boolean(sel.anchored);
    const smoothed = Boolean(sel.smoothed);
    const mint = anchored || smoothed ? rangeStart - lookback : rangeStart;
    const maxt = smoothed ? rangeEnd + lookback : rangeEnd;
    const series: RangeSeries[] = [];
    for (const s of this.seriesOf(sel)) {
      const w = rangeWindow(s, mint, maxt);
      if (w.t.length > 0) series.push({ metric: s.labels, t: w.t, f: w.f, dropName: false });
    }
    return { series, rangeStart, rangeEnd, range: expr.range, anchored, smoothed };
  }

  private evalSubquery(sq: SubqueryExpr, ts: number): RangeArg {
    const rangeEnd = (sq.at && sq.at.kind === 'time' ? sq.at.ms : ts) - sq.offset;
    const rangeStart = rangeEnd - sq.range;
    const step = sq.step > 0 ? sq.step : this.ctx.defaultSubqueryStep;
    // The first step-aligned time after the window start (Go's integer division truncates).
    let t = step * Math.trunc(rangeStart / step);
    if (t <= rangeStart) t += step;
    let cache = this.subqueryCache.get(sq);
    if (!cache) this.subqueryCache.set(sq, (cache = new Map()));
    const byKey = new Map<string, RangeSeries>();
    for (; t <= rangeEnd; t += step) {
      let samples = cache.get(t);
      if (!samples) cache.set(t, (samples = asVector(this.eval(sq.expr, t))));
      for (const s of samples) {
        const key = labelsKey(s.metric);
        let series = byKey.get(key);
        if (!series) byKey.set(key, (series = { metric: s.metric, t: [], f: [], dropName: s.dropName }));
        series.t.push(t);
        series.f.push(s.f);
      }
    }
    return { series: [...byKey.values()], rangeStart, rangeEnd, range: sq.range, anchored: false, smoothed: false };
  }

  private refTime(sel: VectorSelector, ts: number): number {
    return (sel.at && sel.at.kind === 'time' ? sel.at.ms : ts) - sel.offset;
  }

  private seriesOf(sel: VectorSelector): StoredSeries[] {
    let s = this.selections.get(sel);
    if (!s) this.selections.set(sel, (s = this.ctx.tsdb.select(sel.matchers)));
    return s;
  }

  private evalUnary(op: '-' | '+', v: Value): Value {
    if (op === '+') return v;
    if (v.type === 'scalar') return scalar(-v.v);
    return vector(asVector(v).map((s) => ({ ...s, f: -s.f, dropName: true })));
  }

  private evalAggregate(e: AggregateExpr, ts: number): Sample[] {
    const samples = asVector(this.eval(e.expr, ts));
    if (e.op === 'count_values') return countValues(e, samples, ts);
    const param = e.param ? asScalar(this.eval(e.param, ts)) : 0;
    if (e.op === 'topk' || e.op === 'bottomk' || e.op === 'limitk' || e.op === 'limit_ratio') {
      return aggregateK(e, samples, param);
    }
    return aggregate(e, samples, param, ts);
  }

  private evalBinary(e: BinaryExpr, ts: number): Value {
    const lt = typeOf(e.lhs);
    const rt = typeOf(e.rhs);
    const l = this.eval(e.lhs, ts);
    const r = this.eval(e.rhs, ts);
    if (lt === 'scalar' && rt === 'scalar') return scalar(applyOp(e.op, asScalar(l), asScalar(r)));
    if (lt === 'vector' && rt === 'vector') {
      const m = e.matching!;
      if (SET_OPS.has(e.op)) return vector(setOp(e.op as 'and' | 'or' | 'unless', asVector(l), asVector(r), m));
      return vector(vectorVectorOp(e.op, asVector(l), asVector(r), m, e.returnBool));
    }
    if (lt === 'vector') return vector(vectorScalarOp(e.op, asVector(l), asScalar(r), false, e.returnBool));
    return vector(vectorScalarOp(e.op, asVector(r), asScalar(l), true, e.returnBool));
  }
}
