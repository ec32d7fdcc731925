import type { Labels } from '../../metrics/labels.ts';
import type { Tsdb } from '../../metrics/tsdb.ts';
import { LATENCY_BUCKETS } from '../sdk.ts';

/**
 * What prom-client does inside each service process: counters and classic histograms kept in
 * memory, read out at every scrape. Here a scrape writes them into the TSDB at virtual time.
 * Series (the same in every runtime, so one AnalysisTemplate works everywhere):
 *   http_requests_total{service,version,route,code}
 *   http_request_duration_seconds_bucket/_sum/_count{service,version,route[,le]}
 *   dependency_requests_total{service,version,target,outcome}   outcome: success|error|timeout|rejected
 *   dependency_retries_total{service,version,target}
 *   service_queue_depth / service_busy_workers / service_workers{service,version}  (gauges)
 */
interface Counter { labels: Labels; value: number }
interface Histogram { labels: Labels; counts: number[]; sum: number; count: number }
/** One route's request counters by status code and its latency histogram: one lookup per request. */
interface RouteInstruments { byCode: Map<number, Counter>; histogram: Histogram }

const LE = LATENCY_BUCKETS.map(String).concat('+Inf');

/** The instruments of one service version, looked up by short keys on the hot path. */
export class VersionInstruments {
  readonly counters = new Map<string, Counter>();
  /** http_requests_total by route, then status code, and the route's histogram: no key string built per request. */
  readonly routes = new Map<string, RouteInstruments>();
  /** dependency_requests_total by target, then outcome; dependency_retries_total by target. */
  readonly dependencyCounters = new Map<string, Map<string, Counter>>();
  readonly retryCounters = new Map<string, Counter>();
  readonly histograms = new Map<string, Histogram>();
  /** Running totals, for watches that need no PromQL round trip. */
  requests = 0;
  serverErrors = 0;
  dependencyTimeouts = 0;
  constructor(readonly service: string, readonly version: string) {}
}

export class MetricsRecorder {
  private readonly versions = new Map<string, VersionInstruments>();
  private readonly gauges = new Map<string, { labels: Labels; read: () => number }>();

  countRequest(v: VersionInstruments, route: string, code: number, seconds: number): void {
    const { service, version } = v;
    v.requests++;
    if (code >= 500) v.serverErrors++;
    let r = v.routes.get(route);
    if (!r) {
      r = { byCode: new Map(), histogram: { labels: { service, version, route }, counts: new Array(LE.length).fill(0), sum: 0, count: 0 } };
      v.routes.set(route, r);
    }
    let c = r.byCode.get(code);
    if (!c) {
      c = { labels: { __name__: 'http_requests_total', service, version, route, code: String(code) }, value: 0 };
      r.byCode.set(code, c);
      v.counters.set(`r${route}|${code}`, c);
    }
    c.value++;
    const h = r.histogram;
    // Scraped from the route's first request on, after its first counter (the order scrapes write series in).
    if (h.count === 0 && !v.histograms.has(route)) v.histograms.set(route, h);
    const counts = h.counts;
    for (let i = LATENCY_BUCKETS.length - 1; i >= 0 && seconds <= LATENCY_BUCKETS[i]; i--) counts[i]++;
    counts[LE.length - 1]++;
    h.sum += seconds;
    h.count++;
  }

  countDependency(v: VersionInstruments, target: string, outcome: string): void {
    if (outcome === 'timeout') v.dependencyTimeouts++;
    let byOutcome = v.dependencyCounters.get(target);
    if (!byOutcome) {
      byOutcome = new Map();
      v.dependencyCounters.set(target, byOutcome);
    }
    let c = byOutcome.get(outcome);
    if (!c) {
      c = this.newCounter(v, `d${target}|${outcome}`, { __name__: 'dependency_requests_total', target, outcome });
      byOutcome.set(outcome, c);
    }
    c.value++;
  }

  countRetry(v: VersionInstruments, target: string): void {
    let c = v.retryCounters.get(target);
    if (!c) {
      c = this.newCounter(v, `t${target}`, { __name__: 'dependency_retries_total', target });
      v.retryCounters.set(target, c);
    }
    c.value++;
  }

  /** A gauge read at scrape time (queue depth, busy workers). */
  registerGauge(name: string, labels: Record<string, string>, read: () => number): void {
    this.gauges.set(`${name}|${JSON.stringify(labels)}`, { labels: { __name__: name, ...labels }, read });
  }

  /** Writes every series into the TSDB at time t (one scrape). */
  scrapeInto(tsdb: Tsdb, t: number): void {
    for (const v of this.versions.values()) {
      for (const c of v.counters.values()) tsdb.append(c.labels, t, c.value);
      for (const h of v.histograms.values()) {
        for (let i = 0; i < LE.length; i++) {
          tsdb.append({ __name__: 'http_request_duration_seconds_bucket', ...h.labels, le: LE[i] }, t, h.counts[i]);
        }
        tsdb.append({ __name__: 'http_request_duration_seconds_sum', ...h.labels }, t, h.sum);
        tsdb.append({ __name__: 'http_request_duration_seconds_count', ...h.labels }, t, h.count);
      }
    }
    for (const g of this.gauges.values()) tsdb.append(g.labels, t, g.read());
  }

  /** The instruments of one service version; callers keep it to skip the lookup per request. */
  instruments(service: string, version: string): VersionInstruments {
    const key = service + '|' + version;
    let v = this.versions.get(key);
    if (!v) {
      v = new VersionInstruments(service, version);
      this.versions.set(key, v);
    }
    return v;
  }

  /** A counter at 0, registered for scrapes (in first-use order, as before). */
  private newCounter(v: VersionInstruments, key: string, extra: Record<string, string>): Counter {
    const { __name__, ...rest } = extra;
    const c = { labels: { __name__, service: v.service, version: v.version, ...rest }, value: 0 };
    v.counters.set(key, c);
    return c;
  }
}
