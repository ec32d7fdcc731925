import type { Labels } from '../../src/metrics/labels.ts';
import type { TextSample } from '../../src/metrics/series-file/openmetrics.ts';
import { createRng } from '../../src/util/rng.ts';

/**
 * The benchmark's data: 200 series at 1 s resolution over 30 minutes, shaped like the testbed's
 * metrics (DESIGN.md): request counters by version/route/code, a classic latency histogram, and
 * per-instance gauges.
 */
export const BENCH_START = 1_700_000_000_000;
export const BENCH_MINUTES = 30;
const VERSIONS = ['stable', 'canary'];
const ROUTES = ['/cart', '/checkout', '/pay', '/health'];
const CODES = ['200', '404', '500'];
const LE = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '+Inf'];

export function generateBenchSamples(seed = 7): { samples: TextSample[]; seriesCount: number } {
  const rng = createRng(seed);
  const series: { labels: Labels; next: (v: number) => number; v: number }[] = [];
  for (const version of VERSIONS) {
    for (const route of ROUTES) {
      for (const code of CODES) {
        const rate = code === '200' ? 40 : code === '500' ? (version === 'canary' ? 4 : 0.2) : 1;
        series.push({ labels: { __name__: 'http_requests_total', service: 'checkout', version, route, code }, v: 0, next: (v) => v + rng.exponential(rate) });
      }
      // Cumulative buckets: 40 requests/s spread by a latency CDF (slower on canary).
      const scale = version === 'canary' ? 0.3 : 0.08;
      for (const le of LE) {
        const share = le === '+Inf' ? 1 : Number(le) / (Number(le) + scale);
        series.push({ labels: { __name__: 'http_request_duration_seconds_bucket', service: 'checkout', version, route, le }, v: 0, next: (v) => v + Math.round(40 * share) });
      }
      series.push({ labels: { __name__: 'http_request_duration_seconds_sum', service: 'checkout', version, route }, v: 0, next: (v) => v + 40 * 0.08 * rng.next() });
      series.push({ labels: { __name__: 'http_request_duration_seconds_count', service: 'checkout', version, route }, v: 0, next: (v) => v + 40 });
    }
  }
  for (let i = 0; series.length < 200; i++) {
    const name = ['service_queue_depth', 'service_busy_workers', 'service_workers'][i % 3];
    series.push({ labels: { __name__: name, service: 'checkout', version: VERSIONS[i % 2], instance: String(Math.floor(i / 3)) }, v: 10, next: (v) => Math.max(0, v + rng.next() - 0.5) });
  }
  const samples: TextSample[] = [];
  for (let s = 0; s < BENCH_MINUTES * 60; s++) {
    const t = BENCH_START + s * 1000;
    for (const x of series) {
      x.v = x.next(x.v);
      samples.push({ labels: x.labels, t, v: Math.round(x.v * 1000) / 1000 });
    }
  }
  return { samples, seriesCount: series.length };
}

/** The five query shapes AnalysisTemplates use most. */
export const BENCH_QUERIES: { name: string; query: string }[] = [
  {
    name: 'error ratio',
    query: 'sum(rate(http_requests_total{version="canary",code=~"5.."}[1m])) / sum(rate(http_requests_total{version="canary"}[1m]))',
  },
  {
    name: 'p99 (histogram_quantile)',
    query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{version="canary"}[1m])))',
  },
  { name: 'per-version rate', query: 'sum by (version) (rate(http_requests_total[1m]))' },
  { name: 'increase over 5m', query: 'sum(increase(http_requests_total{code="500"}[5m]))' },
  { name: 'absent', query: 'absent(http_requests_total{version="canary",route="/pay"})' },
];
