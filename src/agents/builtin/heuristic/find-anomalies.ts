import { signalKey, type EdgeSignals, type Signals, type VersionSignals } from './read-signals.ts';

/** What moved in one service since before the deploy (any of its versions). */
export interface ServiceAnomaly {
  service: string;
  /** The version whose signals moved most (the canary when it carries the change). */
  version: string;
  errors: boolean;
  latency: boolean;
  saturated: boolean;
  /** It receives clearly more requests than before (load pushed onto it from upstream). */
  moreLoad: boolean;
  /** Dependencies it now sees failing (timeouts, errors or rejections up). */
  failingDeps: string[];
  /** Dependencies it now retries clearly more. */
  retryingDeps: string[];
  /** Numbers for the evidence lines. */
  now: VersionSignals;
  before: VersionSignals | undefined;
}

/** Error ratio counts as up past this absolute rise (and past twice the old ratio). */
const ERROR_RISE = 0.01;
/** p99 counts as up past this factor and this absolute rise (seconds). */
const LATENCY_FACTOR = 1.5;
const LATENCY_RISE_S = 0.05;
const BUSY_SATURATED = 0.9;
const LOAD_FACTOR = 1.3;
const EDGE_FAILURE_RISE = 0.05;

/**
 * Compares each service's versions now with its stable version before the deploy. A service is
 * anomalous when any version's own errors, latency or pool pressure moved; the edges say which
 * dependency it sees failing or retries more.
 */
export function findAnomalies(now: Signals, before: Signals): Map<string, ServiceAnomaly> {
  const out = new Map<string, ServiceAnomaly>();
  const services = new Set([...now.values()].map((s) => s.service));
  for (const service of [...services].sort()) {
    const base = before.get(signalKey(service, 'stable'));
    let best: ServiceAnomaly | undefined;
    for (const version of ['canary', 'stable']) {
      const cur = now.get(signalKey(service, version));
      if (!cur || cur.rps <= 0) continue;
      const a = compare(service, version, cur, base);
      if (!best || weight(a) > weight(best)) best = a;
    }
    // Load lands on every version of a service: judge it on the service's total.
    if (best && base) {
      const total = [...now.values()].filter((s) => s.service === service).reduce((n, s) => n + s.rps, 0);
      best.moreLoad = total > LOAD_FACTOR * base.rps;
    }
    if (best) out.set(service, best);
  }
  return out;
}

export function isAnomalous(a: ServiceAnomaly | undefined): boolean {
  return !!a && (a.errors || a.latency || a.saturated);
}

function compare(service: string, version: string, cur: VersionSignals, base: VersionSignals | undefined): ServiceAnomaly {
  const baseErr = base?.errorRatio ?? 0;
  const baseP99 = base && Number.isFinite(base.p99) ? base.p99 : Number.NaN;
  const errors = cur.errorRatio > baseErr * 2 + ERROR_RISE;
  const latency = Number.isFinite(cur.p99) && Number.isFinite(baseP99) && cur.p99 > baseP99 * LATENCY_FACTOR && cur.p99 - baseP99 > LATENCY_RISE_S;
  const saturated = (Number.isFinite(cur.busyRatio) && cur.busyRatio >= BUSY_SATURATED) || cur.queue >= 1;
  const failingDeps: string[] = [];
  const retryingDeps: string[] = [];
  for (const [target, e] of [...cur.edges].sort(([a], [b]) => a.localeCompare(b))) {
    const old = base?.edges.get(target);
    if (failureRatio(e) > failureRatio(old) + EDGE_FAILURE_RISE) failingDeps.push(target);
    const retryRatio = e.calls > 0 ? e.retries / e.calls : 0;
    const oldRetryRatio = old && old.calls > 0 ? old.retries / old.calls : 0;
    if (retryRatio > oldRetryRatio + EDGE_FAILURE_RISE) retryingDeps.push(target);
  }
  return { service, version, errors, latency, saturated, moreLoad: false, failingDeps, retryingDeps, now: cur, before: base };
}

function failureRatio(e: EdgeSignals | undefined): number {
  return e && e.calls > 0 ? (e.timeouts + e.errors + e.rejected) / e.calls : 0;
}

/** How strongly a version moved: errors weigh most, then latency, then pressure. */
function weight(a: ServiceAnomaly): number {
  return 4 * Number(a.errors) + 2 * Number(a.latency) + Number(a.saturated) + 0.5 * a.failingDeps.length + 0.5 * a.retryingDeps.length;
}
