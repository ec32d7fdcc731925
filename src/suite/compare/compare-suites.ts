import { createRng } from '../../util/rng.ts';
import { normalQuantile } from '../../util/normal-quantile.ts';
import { readMetric, type MetricValue } from '../expectations/read-metric.ts';
import { compareText } from '../run-key.ts';
import type { RunSummary, SuiteResult } from '../suite-result.ts';
import type { CellComparison, CellStatus, Comparison, MetricComparison } from './comparison.ts';
import { compareRates } from './compare-rates.ts';
import { compareValues } from './compare-values.ts';

/** What is compared per cell; better: which way is good. Times never reached are left to the rates. */
const RATES: { metric: string; better: 'higher' | 'lower' }[] = [
  { metric: 'pass', better: 'higher' },
  { metric: 'detected', better: 'higher' },
  { metric: 'recovered', better: 'higher' },
  { metric: 'aborted', better: 'higher' },
  { metric: 'falseRollback', better: 'lower' },
  { metric: 'falsePage', better: 'lower' },
  { metric: 'rca.answered', better: 'higher' },
  { metric: 'rca.exact', better: 'higher' },
  { metric: 'fix.correct', better: 'higher' },
  { metric: 'policy.unsafeApplied', better: 'lower' },
  { metric: 'policy.madeWorse', better: 'lower' },
];
const VALUES: { metric: string; kind: 'time' | 'share'; better: 'higher' | 'lower' }[] = [
  { metric: 'ttd', kind: 'time', better: 'lower' },
  { metric: 'fdrt', kind: 'time', better: 'lower' },
  { metric: 'blastRadius.share', kind: 'share', better: 'lower' },
  { metric: 'rca.score', kind: 'share', better: 'higher' },
  { metric: 'rca.time', kind: 'time', better: 'lower' },
  { metric: 'fix.fdrt', kind: 'time', better: 'lower' },
];

export interface CompareOptions {
  /** Smallest relative change of a time or share that counts; default 0.1 (10%). */
  tolerance?: number;
  /** Two-sided confidence of the intervals; default 0.95. */
  confidence?: number;
  resamples?: number;
}

/**
 * Compares two suite results cell by cell (scenario x stack), repeat-aware: rates by Wilson
 * intervals, times and shares by bootstrap intervals paired by seed where both sides ran it.
 * Only a change outside the noise is a regression; a cell whose current seeds disagree on the
 * verdict is `flaky`. The same inputs give the same comparison (the bootstrap is seeded per cell).
 */
export function compareSuites(baseline: SuiteResult, current: SuiteResult, opts: CompareOptions = {}): Comparison {
  const tolerance = opts.tolerance ?? 0.1;
  const confidence = opts.confidence ?? 0.95;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const base = groupCells(baseline);
  const cur = groupCells(current);
  const keys = [...new Set([...base.keys(), ...cur.keys()])].sort((a, b) => {
    const [as, at] = a.split('\u0000');
    const [bs, bt] = b.split('\u0000');
    return compareText(as, bs) || compareText(at, bt);
  });
  const badOf = (s: SuiteResult): Map<string, boolean> => new Map(s.scenarios.map((x) => [x.name, x.truth.bad]));
  const bad = new Map([...badOf(baseline), ...badOf(current)]);
  const cells = keys.map((key): CellComparison => {
    const [scenario, stack] = key.split('\u0000');
    const b = base.get(key) ?? [];
    const c = cur.get(key) ?? [];
    const isBad = bad.get(scenario) ?? false;
    const verdicts = new Set(c.map((r) => r.scorecard.verdict));
    const flaky = verdicts.size > 1;
    const seeds = c.filter((r) => b.some((x) => x.seed === r.seed)).length;
    const head = { scenario, stack, baselineRuns: b.length, currentRuns: c.length, pairedSeeds: seeds, flaky };
    if (b.length === 0) return { ...head, status: 'new', metrics: [] };
    if (c.length === 0) return { ...head, status: 'removed', metrics: [] };
    const metrics: MetricComparison[] = [];
    for (const { metric, better } of RATES) {
      const bv = flags(b, metric, isBad);
      const cv = flags(c, metric, isBad);
      if (bv.length || cv.length) metrics.push(compareRates(metric, better, bv, cv, z));
    }
    for (const { metric, kind, better } of VALUES) {
      const bv = finiteBySeed(b, metric, isBad);
      const cv = finiteBySeed(c, metric, isBad);
      if (bv.size === 0 && cv.size === 0) continue;
      const rng = createRng(1).fork(`${scenario}/${stack}/${metric}`);
      metrics.push(compareValues(metric, kind, better, bv, cv, { tolerance, confidence, resamples: opts.resamples, rng }));
    }
    return { ...head, status: statusOf(metrics, flaky), metrics };
  });
  return {
    schema: 'firedrill.compare/v1',
    baseline: { name: baseline.name, backend: baseline.backend, runs: baseline.runs.length },
    current: { name: current.name, backend: current.backend, runs: current.runs.length },
    verdict: cells.some((c) => c.status === 'regressed') ? 'regressed' : 'ok',
    tolerance,
    confidence,
    cells,
  };
}

function statusOf(metrics: MetricComparison[], flaky: boolean): CellStatus {
  if (metrics.some((m) => m.verdict === 'regressed')) return 'regressed';
  if (flaky) return 'flaky';
  return metrics.some((m) => m.verdict === 'improved') ? 'improved' : 'same';
}

function groupCells(s: SuiteResult): Map<string, RunSummary[]> {
  const cells = new Map<string, RunSummary[]>();
  for (const r of s.runs) {
    const key = `${r.scenario}\u0000${r.stack}`;
    cells.set(key, [...(cells.get(key) ?? []), r]);
  }
  return cells;
}

function read(r: RunSummary, metric: string, bad: boolean): MetricValue | undefined {
  return readMetric(metric, { bad, scorecard: r.scorecard });
}

function flags(runs: RunSummary[], metric: string, bad: boolean): boolean[] {
  return runs.map((r) => read(r, metric, bad)).filter((v): v is boolean => typeof v === 'boolean');
}

function finiteBySeed(runs: RunSummary[], metric: string, bad: boolean): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of runs) {
    const v = read(r, metric, bad);
    if (typeof v === 'number' && Number.isFinite(v)) out.set(r.seed, v);
  }
  return out;
}
