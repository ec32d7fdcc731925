import type { TimelineEvent } from '../../timeline/events.ts';
import type { Scorecard } from '../../scoring/scorecard.ts';
import { LATENCY_BOUNDS_MS, type TruthBucket } from '../../world/truth.ts';

/** One window of a run as the charts plot it; t in minutes from the deploy. */
export interface SeriesPoint {
  t: number;
  errorRatio: number | null;
  p99Ms: number | null;
  weight: number;
}

export interface RunMarker {
  t: number;
  label: string;
}

/** Events that mark a fix going out (L3 merge after review, L4 auto-apply by the policy gate). */
const FIX_EVENTS: Record<string, string> = { 'fix.merged': 'fix merged', 'fix.auto-applied': 'fix auto-applied' };

/**
 * A run's user-facing story from its ground truth and timeline: error ratio and p99 latency per
 * window (from the per-second truth buckets, so they are what users got, not what the stack
 * measured), the new revision's share of traffic, and markers for deploy, detection, abort,
 * rollback, diagnosis, fix merged and recovery.
 */
export function buildRunSeries(input: { deployAtMs: number; v2: string; timeline: readonly TimelineEvent[]; truth: readonly TruthBucket[]; scorecard: Scorecard }, windowMs = 10_000): { points: SeriesPoint[]; markers: RunMarker[] } {
  const { deployAtMs, timeline, truth, scorecard } = input;
  const minutes = (t: number): number => Math.round(((t - deployAtMs) / 60_000) * 1000) / 1000;
  const weights = weightSteps(timeline, input.v2);
  const windows = new Map<number, TruthBucket[]>();
  for (const b of truth) {
    const w = Math.floor(b.t / windowMs) * windowMs;
    if (!windows.has(w)) windows.set(w, []);
    windows.get(w)!.push(b);
  }
  const points = [...windows.entries()].sort(([a], [b]) => a - b).map(([start, buckets]) => {
    const total = buckets.reduce((n, b) => n + b.total, 0);
    const failed = buckets.reduce((n, b) => n + b.failed, 0);
    return { t: minutes(start), errorRatio: total ? failed / total : null, p99Ms: quantileOfBuckets(buckets, 0.99), weight: weightAt(weights, start) };
  });
  const markers: RunMarker[] = [{ t: 0, label: 'deploy' }];
  if (scorecard.detection) markers.push({ t: minutes(deployAtMs + scorecard.detection.ttdMs), label: `detected (${scorecard.detection.by})` });
  for (const e of timeline) {
    if (e.type === 'rollout.aborted') markers.push({ t: minutes(e.t), label: 'abort' });
    else if (e.type === 'deploy.rolled-back' || e.type === 'rollback.done') markers.push({ t: minutes(e.t), label: 'rollback (human)' });
    else if (e.type === 'agent.answered') markers.push({ t: minutes(e.t), label: 'diagnosis' });
    else if (Object.hasOwn(FIX_EVENTS, e.type)) markers.push({ t: minutes(e.t), label: FIX_EVENTS[e.type] });
  }
  if (scorecard.fdrtMs !== null) markers.push({ t: minutes(deployAtMs + scorecard.fdrtMs), label: 'recovered' });
  return { points, markers: dedupe(markers) };
}

/** The new revision's traffic share over time: its canary weight, 100 once promoted to stable. */
function weightSteps(timeline: readonly TimelineEvent[], v2: string): { t: number; weight: number }[] {
  const steps: { t: number; weight: number }[] = [];
  for (const e of timeline) {
    if (e.type === 'world.traffic.weight') steps.push({ t: e.t, weight: Number(e.canary) });
    else if (e.type === 'world.promoted') steps.push({ t: e.t, weight: v2.startsWith(String(e.commit)) ? 100 : 0 });
  }
  return steps;
}

function weightAt(steps: { t: number; weight: number }[], t: number): number {
  let w = 0;
  for (const s of steps) {
    if (s.t > t) break;
    w = s.weight;
  }
  return w;
}

/**
 * A quantile of the requests in some buckets, Prometheus's histogram_quantile way: find the
 * latency bucket holding the rank, interpolate linearly inside it; the +Inf bucket gives its lower
 * bound (the largest finite one).
 */
export function quantileOfBuckets(buckets: readonly TruthBucket[], q: number): number | null {
  const counts = new Map<string, number>();
  for (const b of buckets) for (const [le, n] of Object.entries(b.latency ?? {})) counts.set(le, (counts.get(le) ?? 0) + n);
  const total = [...counts.values()].reduce((s, n) => s + n, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  let lower = 0;
  for (const le of LATENCY_BOUNDS_MS) {
    const n = counts.get(String(le)) ?? 0;
    if (seen + n >= rank && n > 0) return lower + ((le - lower) * (rank - seen)) / n;
    seen += n;
    lower = le;
  }
  return lower;
}

function dedupe(markers: RunMarker[]): RunMarker[] {
  const seen = new Set<string>();
  return markers.filter((m) => {
    const key = `${m.t}\u0000${m.label}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).sort((a, b) => a.t - b.t);
}
