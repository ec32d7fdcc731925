import type { LogGroup } from '../../protocol/incident-bundle.ts';
import { addedText } from '../../../util/unified-diff.ts';
import type { ServiceAnomaly } from './find-anomalies.ts';
import type { Origin } from './find-origin.ts';
import type { ServiceChange } from './summarize-change.ts';

export type FaultClass = 'code-defect' | 'latency-regression' | 'retry-amplification' | 'config-error' | 'resource-exhaustion' | 'dependency-failure';

/** The fault class and the change facts that decided it. */
export interface Classification {
  faultClass: FaultClass;
  why: string;
}

const RETRY_IN_CODE = /\bretries\s*:\s*\d+|\btimeoutMs\s*:\s*\d+/;
const CAPACITY_KEYS = new Set(['replicas', 'concurrencyPerReplica', 'queueLimit']);

/**
 * Decides the fault class from what changed in the origin service (config vs code, retry and
 * timeout settings, capacity) and what its signals and logs say (errors, latency, pressure).
 */
export function classifyFault(origin: Origin, change: ServiceChange | undefined, anomaly: ServiceAnomaly | undefined, logs: LogGroup[], others: ReadonlyMap<string, ServiceAnomaly> = new Map()): Classification {
  if (!origin.changed || !change) return { faultClass: 'dependency-failure', why: `${origin.service} has no change in this deploy` };
  const retryChange = change.configChanges.find((c) => c.path[0] === 'dependencies' && isMoreAggressive(c.path.at(-1)!, c.before, c.after))
    ?? (change.codeFiles.some((f) => f.hunks.some((h) => RETRY_IN_CODE.test(addedText(h)))) ? { path: ['code'], before: undefined, after: undefined } : undefined);
  const pressured = !!anomaly && (anomaly.retryingDeps.length > 0 || anomaly.failingDeps.length > 0);
  const capacityCut = change.configChanges.find((c) => c.path[0] === 'runtime' && CAPACITY_KEYS.has(c.path.at(-1)!) && Number(c.after) < Number(c.before));
  // A service saturated after its own capacity was cut is out of workers, whatever else the
  // commit changed, as long as its dependencies are healthy themselves (calls that time out on
  // a short client timeout are the caller's doing, not the dependency's).
  const depStruggles = anomaly?.failingDeps.some((d) => { const a = others.get(d); return !!a && (a.saturated || a.errors); }) ?? false;
  if (capacityCut && anomaly?.saturated && !depStruggles) {
    return { faultClass: 'resource-exhaustion', why: `the change cuts ${capacityCut.path.join('.')} from ${String(capacityCut.before)} to ${String(capacityCut.after)} and the service is saturated while its dependencies answer` };
  }
  if (retryChange && (pressured || anomaly?.latency || anomaly?.errors)) {
    return { faultClass: 'retry-amplification', why: `the change makes ${origin.service} retry or time out more aggressively (${retryChange.path.join('.')}) and its dependency calls now time out and are retried` };
  }
  if (capacityCut && (anomaly?.saturated || anomaly?.latency || anomaly?.errors)) {
    return { faultClass: 'resource-exhaustion', why: `the change cuts ${capacityCut.path.join('.')} from ${String(capacityCut.before)} to ${String(capacityCut.after)} and the service is saturated` };
  }
  const crashes = logs.some((g) => g.service === origin.service && g.version === 'canary' && g.level === 'error' && /unhandled error/i.test(g.message));
  if (change.codeFiles.length > 0) {
    if (anomaly?.errors || crashes) return { faultClass: 'code-defect', why: crashes ? 'the new code throws (unhandled errors in the canary\'s logs)' : 'the new code answers 5xx' };
    if (anomaly?.latency || anomaly?.saturated) return { faultClass: 'latency-regression', why: 'the new code is slower (p99 up, no errors of its own)' };
    return { faultClass: 'code-defect', why: 'the code change is the only suspect' };
  }
  return { faultClass: 'config-error', why: `only configuration changed in ${origin.service} (${change.configChanges.map((c) => c.path.join('.')).join(', ') || 'config files'})` };
}

/** More retries, a shorter timeout or less backoff: each sends more attempts at a struggling dependency. */
function isMoreAggressive(key: string, before: unknown, after: unknown): boolean {
  const b = Number(before ?? 0);
  const a = Number(after ?? 0);
  if (key === 'retries') return a > b;
  if (key === 'timeoutMs') return before !== undefined && after !== undefined && a < b;
  if (key === 'backoffMs') return a < b;
  return false;
}
