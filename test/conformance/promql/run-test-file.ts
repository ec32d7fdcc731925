import type { Labels } from '../../../src/metrics/labels.ts';
import { labelsKey } from '../../../src/metrics/labels.ts';
import { matchesLabel } from '../../../src/metrics/label-matcher.ts';
import type { QueryResult } from '../../../src/metrics/metric-source.ts';
import { PromqlEngine } from '../../../src/metrics/promql/engine.ts';
import { parseQuery } from '../../../src/metrics/promql/parse/parse-query.ts';
import { AT_MODIFIER_UNSAFE_FUNCTIONS } from '../../../src/metrics/promql/function-table.ts';
import { inspect, type Expr } from '../../../src/metrics/promql/syntax-tree.ts';
import { Tsdb } from '../../../src/metrics/tsdb.ts';
import { compareResult, type Outcome } from './compare-result.ts';
import { parseTestFile, type Command, type EvalCommand } from './test-file.ts';

export interface BlockResult {
  line: number;
  expr: string;
  status: 'passed' | 'failed' | 'skipped';
  /** Passed on values only: the block also expects warn/info annotations, which we do not produce. */
  valuesOnly?: boolean;
  reason?: string;
}

/** Functions whose value depends on the query range, so the range-mode re-check does not apply. */
const QUERY_CONTEXT_FUNCS = /(start|end|range|step)\(\)/;

/** Runs one .test file the way Prometheus's promqltest harness does (lookback 5m, subquery step 1m). */
export function runTestFile(text: string): BlockResult[] {
  const state = new LoadedData();
  const results: BlockResult[] = [];
  for (const cmd of parseTestFile(text)) {
    if (cmd.kind === 'clear') state.clear();
    else if (cmd.kind === 'load') state.load(cmd);
    else results.push(runEval(state, cmd));
  }
  return results;
}

/** Samples of the file so far, rebuilt into a Tsdb after each load (loads may interleave in time). */
class LoadedData {
  readonly tsdb = new Tsdb();
  readonly engine = new PromqlEngine(this.tsdb, { lookbackDelta: 300_000, defaultSubqueryStep: 60_000 });
  private readonly samples = new Map<string, { labels: Labels; points: Map<number, number | 'stale'> }>();
  readonly histogramSeries: Labels[] = [];

  clear(): void {
    this.samples.clear();
    this.histogramSeries.length = 0;
    this.tsdb.clear();
  }

  load(cmd: Extract<Command, { kind: 'load' }>): void {
    for (const s of cmd.series) {
      const key = labelsKey(s.labels);
      let entry = this.samples.get(key);
      if (!entry) this.samples.set(key, (entry = { labels: s.labels, points: new Map() }));
      s.values.forEach((v, k) => {
        if (v.kind === 'value') entry!.points.set(k * cmd.interval, v.v);
        else if (v.kind === 'stale') entry!.points.set(k * cmd.interval, 'stale');
      });
      if (s.values.some((v) => v.kind === 'histogram')) this.histogramSeries.push(s.labels);
      if (cmd.withNhcb && s.labels.__name__?.endsWith('_bucket')) {
        const { le: _le, ...rest } = s.labels;
        this.histogramSeries.push({ ...rest, __name__: s.labels.__name__.slice(0, -'_bucket'.length) });
      }
    }
    this.tsdb.clear();
    for (const { labels, points } of this.samples.values()) {
      for (const t of [...points.keys()].sort((a, b) => a - b)) {
        const v = points.get(t)!;
        if (v === 'stale') this.tsdb.markStale(labels, t);
        else this.tsdb.append(labels, t, v);
      }
    }
  }

  /** True when the query selects a series that holds native histograms (which we skip). */
  touchesHistograms(expr: string): boolean {
    if (this.histogramSeries.length === 0) return false;
    let tree;
    try {
      tree = parseQuery(expr);
    } catch {
      return false;
    }
    let hit = false;
    inspect(tree, (node) => {
      if (node.kind !== 'vectorSelector') return;
      if (this.histogramSeries.some((l) => node.matchers.every((m) => matchesLabel(m, l[m.name] ?? '')))) hit = true;
    });
    return hit;
  }
}

function runEval(state: LoadedData, cmd: EvalCommand): BlockResult {
  const base = { line: cmd.line, expr: cmd.expr };
  if (cmd.series.some((s) => s.values.some((v) => v.kind === 'histogram')) || state.touchesHistograms(cmd.expr)) {
    return { ...base, status: 'skipped', reason: 'native histograms are out of scope' };
  }
  const outcome = evaluate(state, cmd);
  if (!outcome.ok) return { ...base, status: 'failed', reason: outcome.reason };
  return { ...base, status: 'passed', valuesOnly: cmd.expectsAnnotations || undefined };
}

function evaluate(state: LoadedData, cmd: EvalCommand): Outcome {
  const first = evaluateAt(state, cmd, cmd.expr, cmd.end);
  if (!first.ok || !cmd.instant || cmd.fail) return first;
  // Like the reference harness: pin every selector with @ t and evaluate at other times.
  for (const v of atModifierVariants(cmd.expr, cmd.end)) {
    const o = evaluateAt(state, cmd, v.expr, v.at);
    if (!o.ok) return { ok: false, reason: `with @ ${cmd.end / 1000} evaluated at ${v.at / 1000}: ${o.reason}` };
  }
  return first;
}

/** promqltest's atModifierTestCases. */
function atModifierVariants(text: string, ts: number): { expr: Expr; at: number }[] {
  let expr: Expr;
  try {
    expr = structuredClone(parseQuery(text));
  } catch {
    return [];
  }
  let unsafe = false;
  inspect(expr, (node, path) => {
    if (path.some((p) => p.kind === 'subquery' && p.at)) return;
    if (node.kind === 'vectorSelector' || node.kind === 'subquery') node.at ??= { kind: 'time', ms: ts };
    if (node.kind === 'matrixSelector') node.selector.at ??= { kind: 'time', ms: ts };
    if (node.kind === 'call' && AT_MODIFIER_UNSAFE_FUNCTIONS.has(node.func.name)) unsafe = true;
  });
  if (unsafe) return [];
  const times = ts === 0 ? [-1000, 0, 1000] : [-10 * ts, 0, Math.trunc(ts / 5), ts, 10 * ts];
  return times.map((at) => ({ expr, at }));
}

function evaluateAt(state: LoadedData, cmd: EvalCommand, expr: string | Expr, at: number): Outcome {
  let result: QueryResult;
  try {
    result = cmd.instant ? state.engine.instantQuery(expr, at) : state.engine.rangeQuery(expr, cmd.start, cmd.end, cmd.step);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!cmd.fail) return { ok: false, reason: `unexpected error: ${message}` };
    if (cmd.failMessage !== undefined && cmd.failMessage !== message) return { ok: false, reason: `error ${JSON.stringify(message)}, expected ${JSON.stringify(cmd.failMessage)}` };
    if (cmd.failRegex && !cmd.failRegex.test(message)) return { ok: false, reason: `error ${JSON.stringify(message)} does not match ${cmd.failRegex}` };
    return { ok: true };
  }
  if (cmd.fail) return { ok: false, reason: 'expected an error, got a result' };
  const first = compareResult(cmd, result, false);
  if (!first.ok || !cmd.instant) return first;
  if (cmd.expectRangeVector || cmd.expectedString !== undefined || cmd.ordered || QUERY_CONTEXT_FUNCS.test(cmd.expr)) return first;
  // The reference harness also runs every instant query as a range query around t.
  let ranged: QueryResult;
  try {
    ranged = state.engine.rangeQuery(expr, at - 60_000, at + 60_000, 60_000);
  } catch (err) {
    return { ok: false, reason: `range mode: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (ranged.resultType !== 'matrix') return { ok: false, reason: 'range mode did not return a matrix' };
  const points = ranged.result.flatMap((s) => s.values.filter(([t]) => t === at).map(([, v]) => ({ metric: s.metric, value: [at, v] as [number, number] })));
  const asInstant: QueryResult = result.resultType === 'scalar' ? { resultType: 'scalar', result: points[0]?.value ?? [at, Number.NaN] } : { resultType: 'vector', result: points };
  const second = compareResult(cmd, asInstant, true);
  return second.ok ? second : { ok: false, reason: `range mode: ${second.reason}` };
}
