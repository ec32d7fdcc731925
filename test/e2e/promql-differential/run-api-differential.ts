import { EmbeddedMetricSource } from '../../../src/metrics/embedded-source.ts';
import { WallClock } from '../../../src/clock/index.ts';
import { startPromApiServer } from '../../../src/metrics/api-server/server.ts';
import type { TextSample } from '../../../src/metrics/series-file/openmetrics.ts';
import { loadSeriesFile } from '../../../src/metrics/series-file/series-file.ts';
import { createRng } from '../../../src/util/rng.ts';
import { startRealPrometheus, type PrometheusBinaries } from '../../bench/real-prometheus.ts';
import { compareApiBodies, diffAnnotations, type ApiBody } from './compare-api-json.ts';
import { generateGroup } from './generate-data.ts';
import { drawBoundaryTime, randomQuery, type QueryContext } from './generate-queries.ts';

/**
 * The differential test's random queries through the HTTP API: our server and a real Prometheus
 * (its TSDB backfilled by promtool from the same samples) answer /api/v1/query and
 * /api/v1/query_range, and the JSON must agree (compare-api-json.ts). Staleness markers become
 * gaps: OpenMetrics, the backfill's input, cannot carry them. With `boundaries` (the 3.x
 * reference) samples are every 15 s and half of the query times (and range starts) fall on one.
 *
 * Values that differ by a few ulps (`lastDigits`) are not PromQL semantics, and count apart only
 * where one of two causes applies; anywhere else a last-digit difference is a mismatch:
 *  - libm: ln, log2, log10 and exp are JS's Math.log/log2/log10/exp (V8's fdlibm port) here and
 *    Go's math.Log/Exp there (amd64 assembly: src/math/log_amd64.s, exp_amd64.s; Log2 and Log10
 *    derived from Log in log10.go);
 *  - summation order in range queries: Prometheus's rangeEval assembles its output matrix by
 *    ranging over a Go map (promql/engine.go, `for _, ss := range seriess`, v0.316.0 line 2141),
 *    so an aggregation (sum, avg, stddev, stdvar) over it adds series in a random order, and the
 *    same range query gives last-digit differences from one run of Prometheus to the next.
 * Annotations are counted by kind, not compared: the embedded engine does not produce them
 * (src/metrics/promql/README.md). Those 3.x gives on these queries: "quantile value should be
 * between 0 and 1" (util/annotations/annotations.go InvalidQuantileWarning, raised in
 * promql/functions.go funcHistogramQuantile and engine.go's quantile aggregation) and "sort is
 * ineffective for range queries" (SortInRangeQueryWarning, engine.go for sort/sort_desc in a range query).
 */
export interface ApiDifferentialReport {
  instant: number;
  range: number;
  onSample: number;
  mismatches: string[];
  /** Few-ulp differences with a cause named above: `libm: ...` or `range-order: ...`. */
  lastDigits: string[];
  /** Annotation differences by message with positions and values cut off, and how often. */
  annotations: Map<string, number>;
}

const INSTANT = 800;
const RANGE = 200;
const STEPS = [10_000, 15_000, 30_000, 60_000];

const LIBM = /\b(ln|log2|log10|exp)\(/;
const AGGREGATION = /\b(sum|avg|stddev|stdvar)\b(?!_)/;

/** tolerance: relative, for value strings (0 for 3.x; 1e-9 for 2.42, which sums without compensation). */
export async function runApiDifferential(bins: PrometheusBinaries, opts: { boundaries: boolean; tolerance: number; seed: number }): Promise<ApiDifferentialReport> {
  const interval = opts.boundaries ? 15_000 : 15_001;
  const slots = 241;
  const rng = createRng(opts.seed).fork(`api-${interval}`);
  const group = generateGroup(rng.fork('data'), interval, slots, { anyResets: opts.boundaries });
  const lines = group.lines.map((l) => l.replace(/\bstale\b/g, '_'));
  const tsdb = loadSeriesFile(`load ${interval}ms\n${lines.join('\n')}\n`);
  const samples: TextSample[] = tsdb.series().flatMap((s) => s.t.map((t, i) => ({ labels: s.labels, t, v: s.v[i] })));
  const end = (slots - 1) * interval;
  const ctx: QueryContext = { rng: rng.fork('queries'), atMin: 10 * 60_000, atMax: end, jitterMin: slots, boundaries: opts.boundaries, interval };
  const report: ApiDifferentialReport = { instant: 0, range: 0, onSample: 0, mismatches: [], lastDigits: [], annotations: new Map() };
  const ours = await startPromApiServer({ source: new EmbeddedMetricSource(tsdb), clock: new WallClock() });
  const real = await startRealPrometheus(samples, bins);
  try {
    const ask = async (expr: string, path: string, what: string): Promise<void> => {
      const [a, b] = await Promise.all([ours.url, real.url].map(async (base) => (await (await fetch(`${base}${path}`)).json()) as ApiBody));
      const diff = compareApiBodies(a, b, opts.tolerance);
      const cause = LIBM.test(expr) ? 'libm' : path.includes('query_range') && AGGREGATION.test(expr) ? 'range-order' : undefined;
      if (diff?.kind === 'lastDigits' && cause) report.lastDigits.push(`${cause}: ${what}: ${diff.why}`);
      else if (diff) report.mismatches.push(`${what}: ${diff.why}`);
      for (const d of diffAnnotations(a, b)) {
        const kind = d.replace(/ \(\d+:\d+\)$/, '').replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/g, 'N').replace(/"[^"]*"/g, '"…"');
        report.annotations.set(kind, (report.annotations.get(kind) ?? 0) + 1);
      }
    };
    for (let i = 0; i < INSTANT; i++) {
      const expr = randomQuery(ctx);
      const at = drawTime(ctx, 20 * 60_000, end, slots, opts.boundaries);
      if (at % interval === 0) report.onSample++;
      report.instant++;
      await ask(expr, `/api/v1/query?query=${encodeURIComponent(expr)}&time=${at / 1000}`, `${expr} @ ${at}ms`);
    }
    for (let i = 0; i < RANGE; i++) {
      const expr = randomQuery(ctx);
      const step = STEPS[ctx.rng.int(STEPS.length)];
      const start = drawTime(ctx, 20 * 60_000, end - 10 * 60_000, slots, opts.boundaries);
      const stop = start + (1 + ctx.rng.int(20)) * step;
      if (start % interval === 0) report.onSample++;
      report.range++;
      await ask(expr, `/api/v1/query_range?query=${encodeURIComponent(expr)}&start=${start / 1000}&end=${stop / 1000}&step=${step / 1000}`, `${expr} over [${start}, ${stop}] step ${step}ms`);
    }
  } finally {
    await ours.close();
    await real.stop();
  }
  return report;
}

export function formatApiDifferentialReport(label: string, r: ApiDifferentialReport, seed: number): string {
  const notes = [...r.annotations].map(([k, n]) => `\n  annotation ${n}x ${k}`).join('');
  return `PromQL HTTP API vs ${label}: ${r.instant} instant + ${r.range} range queries (${r.onSample} exactly on a sample time), ` +
    `${r.mismatches.length} mismatches in data, ${r.lastDigits.length} last-digit differences (libm ${countCause(r, 'libm')}, ` +
    `range-query summation order ${countCause(r, 'range-order')}), ` +
    `${[...r.annotations.values()].reduce((a, b) => a + b, 0)} annotation differences (seed ${seed})${notes}`;
}

function countCause(r: ApiDifferentialReport, cause: string): number {
  return r.lastDigits.filter((d) => d.startsWith(`${cause}:`)).length;
}

/** Whole seconds, half on a sample (boundaries); otherwise never on a sample (see generate-data.ts). */
function drawTime(ctx: QueryContext, min: number, max: number, slots: number, boundaries: boolean): number {
  if (boundaries) return drawBoundaryTime(ctx.rng, min, max, ctx.interval!);
  return Math.floor((min + ctx.rng.next() * (max - min)) / 1000) * 1000 + slots + 1 + ctx.rng.int(999 - slots);
}
