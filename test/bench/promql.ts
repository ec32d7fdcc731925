import { EmbeddedMetricSource } from '../../src/metrics/embedded-source.ts';
import { performance } from 'node:perf_hooks';
import { WallClock } from '../../src/clock/index.ts';
import { startPromApiServer } from '../../src/metrics/api-server/server.ts';
import { labelsKey } from '../../src/metrics/labels.ts';
import type { MetricSource, QueryResult } from '../../src/metrics/metric-source.ts';
import { PromqlEngine } from '../../src/metrics/promql/engine.ts';
import { PrometheusHttpSource } from '../../src/metrics/prometheus-client.ts';
import { Tsdb } from '../../src/metrics/tsdb.ts';
import { formatApiDifferentialReport, runApiDifferential } from '../e2e/promql-differential/run-api-differential.ts';
import { formatDifferentialReport, runDifferential } from '../e2e/promql-differential/run-differential.ts';
import { findPathPrometheus, findPinnedPrometheus, type PrometheusReference } from '../helpers/prometheus-references.ts';
import { BENCH_MINUTES, BENCH_QUERIES, BENCH_START, generateBenchSamples } from './promql-bench-data.ts';
import { startRealPrometheus } from './real-prometheus.ts';

const RUNS = 200;

const SEED = 20_260_826;

/** Every real Prometheus on this machine: Debian's 2.42 on PATH and the pinned 3.x build. */
function findReferences(): { refs: { ref: PrometheusReference; boundaries: boolean }[]; skipped: string[] } {
  const refs: { ref: PrometheusReference; boundaries: boolean }[] = [];
  const skipped: string[] = [];
  for (const [found, boundaries] of [[findPathPrometheus(), false], [findPinnedPrometheus(), true]] as const) {
    if (found.ok && !refs.some((r) => r.ref.promtool === found.ref.promtool)) refs.push({ ref: found.ref, boundaries });
    else if (!found.ok) skipped.push(found.reason);
  }
  return { refs, skipped };
}

/**
 * The differential tests' counts (test/e2e/promql-differential), per real Prometheus: promtool's
 * engine on 1040 random queries, and the HTTP API on 1000; 3.x with window boundaries included.
 */
export async function benchPromqlDifferential(): Promise<void> {
  const { refs, skipped } = findReferences();
  console.log('\nPromQL differential (the embedded engine against real Prometheus engines and servers)');
  for (const reason of skipped) console.log(`  skipped: ${reason}`);
  for (const { ref, boundaries } of refs) {
    console.log(`  ${formatDifferentialReport(ref.label, runDifferential({ promtool: ref.promtool, boundaries, seed: SEED }), SEED)}`);
    const api = await runApiDifferential(ref, { boundaries, tolerance: boundaries ? 0 : 1e-9, seed: SEED });
    console.log(`  ${formatApiDifferentialReport(ref.label, api, SEED).replaceAll('\n', '\n  ')}`);
  }
}

/**
 * Latency of the five AnalysisTemplate query shapes over a 30-minute, 1 s, 200-series TSDB:
 * the embedded engine in process (what `sim` uses), the embedded engine behind its own HTTP API,
 * and each real Prometheus (2.42 on PATH, the pinned 3.x build) holding the same data over HTTP,
 * measured in this one run. Median and p95 of RUNS instant queries at the end of the data; the
 * ratio is embedded / Prometheus.
 */
export async function benchPromql(): Promise<void> {
  const { refs, skipped } = findReferences();
  for (const { ref } of refs) await benchPromqlAgainst(ref);
  if (refs.length === 0) await benchPromqlAgainst(undefined, skipped.join('; '));
}

async function benchPromqlAgainst(ref: PrometheusReference | undefined, missing?: string): Promise<void> {
  const { samples, seriesCount } = generateBenchSamples();
  const tsdb = new Tsdb();
  for (const s of samples) tsdb.append(s.labels, s.t, s.v);
  const at = BENCH_START + BENCH_MINUTES * 60_000 - 500;
  const engine = new PromqlEngine(tsdb);
  const embedded: MetricSource = { kind: 'embedded', instant: async (q, t) => engine.instantQuery(q, t), range: async (q, s, e, st) => engine.rangeQuery(q, s, e, st) };
  console.log(`\nPromQL: ${seriesCount} series, ${BENCH_MINUTES} min at 1 s (${samples.length} samples); ${RUNS} instant queries each, median / p95 ms`);
  const api = await startPromApiServer({ source: new EmbeddedMetricSource(tsdb), clock: new WallClock() });
  const real = ref ? await startRealPrometheus(samples, ref).catch((err: Error) => err) : undefined;
  try {
    const prom = real instanceof Error || !real ? undefined : new PrometheusHttpSource({ baseUrl: real.url });
    if (!prom) console.log(`  (real Prometheus skipped: ${missing ?? (real as Error).message})`);
    else console.log(`  real server: ${(real as { version: string }).version}`);
    const overHttp = new PrometheusHttpSource({ baseUrl: api.url });
    console.log(`  ${'query'.padEnd(26)} ${'embedded'.padStart(14)} ${'embedded+HTTP'.padStart(15)} ${'Prometheus HTTP'.padStart(16)}  embedded/Prometheus  same answer`);
    for (const { name, query } of BENCH_QUERIES) {
      const e = await measure(embedded, query, at);
      const h = await measure(overHttp, query, at);
      const p = prom ? await measure(prom, query, at) : undefined;
      const ratio = p ? `${(e.median / p.median).toFixed(2)}x` : 'n/a';
      const same = prom ? (sameAnswer(await embedded.instant(query, at), await prom.instant(query, at)) ? 'yes' : 'NO') : 'n/a';
      console.log(`  ${name.padEnd(26)} ${fmt(e).padStart(14)} ${fmt(h).padStart(15)} ${(p ? fmt(p) : 'n/a').padStart(16)}  ${ratio.padStart(19)}  ${same}`);
    }
    const rangeQuery = BENCH_QUERIES[0].query;
    const re = await measureRange(embedded, rangeQuery);
    const rp = prom ? await measureRange(prom, rangeQuery) : undefined;
    console.log(`  ${'error ratio, 30m range/15s'.padEnd(26)} ${fmt(re).padStart(14)} ${''.padStart(15)} ${(rp ? fmt(rp) : 'n/a').padStart(16)}  ${rp ? `${(re.median / rp.median).toFixed(2)}x` : 'n/a'}`);
  } finally {
    await api.close();
    if (real && !(real instanceof Error)) await real.stop();
  }
}

interface Stats {
  median: number;
  p95: number;
}

async function measure(source: MetricSource, query: string, at: number): Promise<Stats> {
  for (let i = 0; i < 10; i++) await source.instant(query, at);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await source.instant(query, at);
    times.push(performance.now() - t0);
  }
  return stats(times);
}

async function measureRange(source: MetricSource, query: string): Promise<Stats> {
  const end = BENCH_START + BENCH_MINUTES * 60_000;
  for (let i = 0; i < 3; i++) await source.range(query, BENCH_START, end, 15_000);
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    await source.range(query, BENCH_START, end, 15_000);
    times.push(performance.now() - t0);
  }
  return stats(times);
}

/** Same series and values (relative 1e-9); the bench also checks it measured real answers. */
function sameAnswer(a: QueryResult, b: QueryResult): boolean {
  const flat = (r: QueryResult): Map<string, number> => {
    if (r.resultType === 'vector') return new Map(r.result.map((s) => [labelsKey(s.metric), s.value[1]]));
    if (r.resultType === 'scalar') return new Map([['', r.result[1]]]);
    return new Map();
  };
  const [x, y] = [flat(a), flat(b)];
  if (x.size !== y.size) return false;
  for (const [k, v] of x) {
    const w = y.get(k);
    if (w === undefined || !(v === w || (Number.isNaN(v) && Number.isNaN(w)) || Math.abs(v - w) <= 1e-9 * Math.max(Math.abs(v), Math.abs(w)))) return false;
  }
  return true;
}

function stats(times: number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.floor(sorted.length * 0.95)] };
}

function fmt(s: Stats): string {
  return `${s.median.toFixed(3)} / ${s.p95.toFixed(3)}`;
}
