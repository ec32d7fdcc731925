import type { QueryResult } from '../../../metrics/metric-source.ts';
import type { ToolboxClient } from '../toolbox-client.ts';

/** What one dependency edge (caller version -> target) looked like in a window, per second. */
export interface EdgeSignals {
  calls: number;
  timeouts: number;
  errors: number;
  rejected: number;
  retries: number;
}

/** One service version over one window, read from the testbed's standard series. */
export interface VersionSignals {
  service: string;
  version: string;
  rps: number;
  errorRatio: number;
  /** Seconds; NaN when the version served nothing in the window. */
  p99: number;
  edges: Map<string, EdgeSignals>;
  /** Busy workers over capacity, averaged; NaN when unknown. */
  busyRatio: number;
  queue: number;
}

export type Signals = Map<string, VersionSignals>;

export const signalKey = (service: string, version: string): string => `${service}|${version}`;

/**
 * Reads every service version's traffic, errors, p99, dependency outcomes and pool pressure over
 * `windowS` seconds ending at drill ms `at`: seven PromQL queries through the toolbox, whatever the
 * number of services (grouped by service and version).
 */
export async function readSignals(client: ToolboxClient, at: number, windowS: number): Promise<Signals> {
  const w = `${Math.max(30, Math.round(windowS))}s`;
  const [rps, errors, p99, deps, retries, busy, workers, queue] = await Promise.all([
    client.query(`sum by (service, version) (rate(http_requests_total[${w}]))`, at),
    client.query(`sum by (service, version) (rate(http_requests_total{code=~"5.."}[${w}]))`, at),
    client.query(`histogram_quantile(0.99, sum by (service, version, le) (rate(http_request_duration_seconds_bucket[${w}])))`, at),
    client.query(`sum by (service, version, target, outcome) (rate(dependency_requests_total[${w}]))`, at),
    client.query(`sum by (service, version, target) (rate(dependency_retries_total[${w}]))`, at),
    client.query(`sum by (service, version) (avg_over_time(service_busy_workers[${w}]))`, at),
    client.query(`sum by (service, version) (avg_over_time(service_workers[${w}]))`, at),
    client.query(`sum by (service, version) (avg_over_time(service_queue_depth[${w}]))`, at),
  ]);
  const signals: Signals = new Map();
  const get = (service: string, version: string): VersionSignals => {
    const key = signalKey(service, version);
    let s = signals.get(key);
    if (!s) {
      s = { service, version, rps: 0, errorRatio: 0, p99: Number.NaN, edges: new Map(), busyRatio: Number.NaN, queue: 0 };
      signals.set(key, s);
    }
    return s;
  };
  for (const [m, v] of samples(rps)) get(m.service, m.version).rps = v;
  for (const [m, v] of samples(errors)) {
    const s = get(m.service, m.version);
    s.errorRatio = s.rps > 0 ? v / s.rps : 0;
  }
  for (const [m, v] of samples(p99)) get(m.service, m.version).p99 = v;
  const edge = (m: Record<string, string>): EdgeSignals => {
    const edges = get(m.service, m.version).edges;
    let e = edges.get(m.target);
    if (!e) {
      e = { calls: 0, timeouts: 0, errors: 0, rejected: 0, retries: 0 };
      edges.set(m.target, e);
    }
    return e;
  };
  for (const [m, v] of samples(deps)) {
    const e = edge(m);
    e.calls += v;
    if (m.outcome === 'timeout') e.timeouts += v;
    else if (m.outcome === 'error') e.errors += v;
    else if (m.outcome === 'rejected') e.rejected += v;
  }
  for (const [m, v] of samples(retries)) edge(m).retries = v;
  const capacity = new Map(samples(workers).map(([m, v]) => [signalKey(m.service, m.version), v]));
  for (const [m, v] of samples(busy)) {
    const cap = capacity.get(signalKey(m.service, m.version));
    if (cap) get(m.service, m.version).busyRatio = v / cap;
  }
  for (const [m, v] of samples(queue)) get(m.service, m.version).queue = v;
  return signals;
}

/** The samples of an instant vector with their labels; NaN values are kept (no traffic). */
function samples(r: QueryResult): [Record<string, string>, number][] {
  if (r.resultType !== 'vector') return [];
  return r.result.map((s) => [s.metric as Record<string, string>, s.value[1]]);
}
