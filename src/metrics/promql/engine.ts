import type { Labels } from '../labels.ts';
import type { QueryResult } from '../metric-source.ts';
import type { Tsdb } from '../tsdb.ts';
import { PromqlEvalError } from './errors.ts';
import { Evaluator } from './eval/evaluator.ts';
import { dropMetricName, labelsKey } from './eval/label-ops.ts';
import { prepareQuery } from './eval/prepare-query.ts';
import type { RangeSeries, Sample } from './eval/values.ts';
import { parseQuery } from './parse/parse-query.ts';
import { typeOf, type Expr } from './syntax-tree.ts';

export interface EngineOptions {
  /** How far back an instant selector looks for a sample (Prometheus default 5m). */
  lookbackDelta?: number;
  /** Step of subqueries without one, e.g. `x[10m:]` (Prometheus: the evaluation interval, 1m). */
  defaultSubqueryStep?: number;
  /** Largest number of steps a range query may have (Prometheus rejects more than 11000). */
  maxSteps?: number;
}

/**
 * The embedded PromQL engine: Prometheus 3 semantics over the in-memory TSDB. Queries are text
 * or an already parsed tree (rule evaluation parses once). Times are milliseconds.
 */
export class PromqlEngine {
  private readonly lookbackDelta: number;
  private readonly defaultSubqueryStep: number;
  private readonly maxSteps: number;
  private readonly parsed = new Map<string, Expr>();

  constructor(private readonly tsdb: Tsdb, opts: EngineOptions = {}) {
    this.lookbackDelta = opts.lookbackDelta ?? 5 * 60_000;
    this.defaultSubqueryStep = opts.defaultSubqueryStep ?? 60_000;
    this.maxSteps = opts.maxSteps ?? 11_000;
  }

  /** Parses (and caches) a query; throws PromqlParseError. */
  parse(query: string): Expr {
    let expr = this.parsed.get(query);
    if (!expr) {
      expr = parseQuery(query);
      if (this.parsed.size > 1000) this.parsed.clear();
      this.parsed.set(query, expr);
    }
    return expr;
  }

  instantQuery(query: string | Expr, at: number): QueryResult {
    const expr = prepareQuery(this.toExpr(query), { start: at, end: at, step: 0 });
    const ev = this.evaluator(at, at);
    return withWarnings(this.instantResult(ev, expr, at), ev);
  }

  private instantResult(ev: Evaluator, expr: Expr, at: number): QueryResult {
    const v = ev.eval(expr, at);
    switch (v.type) {
      case 'scalar':
        return { resultType: 'scalar', result: [at, v.v] };
      case 'string':
        return { resultType: 'string', result: [at, v.v] };
      case 'vector':
        return { resultType: 'vector', result: finishVector(v.samples).map((s) => ({ metric: s.metric, value: [at, s.f] })) };
      case 'matrix':
        return { resultType: 'matrix', result: finishMatrix(v.series).map((s) => ({ metric: s.metric, values: zip(s) })) };
    }
  }

  rangeQuery(query: string | Expr, start: number, end: number, step: number): QueryResult {
    const parsed = this.toExpr(query);
    const t = typeOf(parsed);
    if (t !== 'scalar' && t !== 'vector') {
      throw new PromqlEvalError(`invalid expression type "${t === 'matrix' ? 'range vector' : t}" for range query, must be Scalar or instant Vector`);
    }
    if (!(step > 0)) throw new PromqlEvalError('zero or negative query resolution step widths are not accepted. Try a positive integer');
    if (end < start) throw new PromqlEvalError('end timestamp must not be before start time');
    if ((end - start) / step > this.maxSteps) {
      throw new PromqlEvalError('exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)');
    }
    const expr = prepareQuery(parsed, { start, end, step });
    const ev = this.evaluator(start, end);
    const byKey = new Map<string, { metric: Labels; values: [number, number][] }>();
    for (let ts = start; ts <= end; ts += step) {
      const v = ev.eval(expr, ts);
      const samples: Sample[] = v.type === 'scalar' ? [{ metric: {}, f: v.v, t: ts, dropName: false }] : v.type === 'vector' ? finishVector(v.samples) : [];
      for (const s of samples) {
        const key = labelsKey(s.metric);
        let series = byKey.get(key);
        if (!series) byKey.set(key, (series = { metric: s.metric, values: [] }));
        series.values.push([ts, s.f]);
      }
    }
    const result = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
    return withWarnings({ resultType: 'matrix', result }, ev);
  }

  private toExpr(query: string | Expr): Expr {
    return typeof query === 'string' ? this.parse(query) : query;
  }

  private evaluator(start: number, end: number): Evaluator {
    return new Evaluator({
      tsdb: this.tsdb,
      start,
      end,
      lookbackDelta: this.lookbackDelta,
      defaultSubqueryStep: this.defaultSubqueryStep,
    });
  }
}

function withWarnings(r: QueryResult, ev: Evaluator): QueryResult {
  return ev.warnings.size > 0 ? { ...r, warnings: [...ev.warnings] } : r;
}

/** Drops delayed metric names, then insists every series is unique (Prometheus's cleanup). */
function finishVector(samples: Sample[]): Sample[] {
  const seen = new Set<string>();
  return samples.map((s) => {
    const metric = s.dropName ? dropMetricName(s.metric) : s.metric;
    const key = labelsKey(metric);
    if (seen.has(key)) throw new PromqlEvalError('vector cannot contain metrics with the same labelset');
    seen.add(key);
    return { ...s, metric };
  });
}

/** A range-vector result: names dropped, series with the same labels merged unless they overlap. */
function finishMatrix(series: RangeSeries[]): RangeSeries[] {
  const byKey = new Map<string, RangeSeries>();
  for (const s of series) {
    const metric = s.dropName ? dropMetricName(s.metric) : s.metric;
    const key = labelsKey(metric);
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, { ...s, metric });
      continue;
    }
    const points = [...zip(prev), ...zip(s)].sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < points.length; i++) {
      if (points[i][0] === points[i - 1][0]) throw new PromqlEvalError('vector cannot contain metrics with the same labelset');
    }
    byKey.set(key, { metric, t: points.map((p) => p[0]), f: points.map((p) => p[1]), dropName: false });
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
}

function zip(s: { t: number[]; f: number[] }): [number, number][] {
  return s.t.map((t, i) => [t, s.f[i]]);
}
