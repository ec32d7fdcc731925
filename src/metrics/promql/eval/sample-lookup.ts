import type { StoredSeries } from '../../tsdb.ts';

/** Reads stored samples the way Prometheus's iterators do, by binary search on time. */

/** Index of the first element greater than x in a sorted array. */
export function upperBound(arr: readonly number[], x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The sample an instant selector sees at `ref`: the newest one in (ref - lookback, ref], unless
 * that newest one is a staleness marker.
 */
export function lookupInstant(s: StoredSeries, ref: number, lookback: number): { t: number; f: number } | undefined {
  const i = upperBound(s.t, ref) - 1;
  if (i < 0 || s.t[i] <= ref - lookback || s.stale[i]) return undefined;
  return { t: s.t[i], f: s.v[i] };
}

/** Samples in (mint, maxt], staleness markers left out. */
export function rangeWindow(s: StoredSeries, mint: number, maxt: number): { t: number[]; f: number[] } {
  const from = upperBound(s.t, mint);
  const to = upperBound(s.t, maxt);
  if (s.staleCount === 0) return { t: s.t.slice(from, to), f: s.v.slice(from, to) };
  const t: number[] = [];
  const f: number[] = [];
  for (let i = from; i < to; i++) {
    if (s.stale[i]) continue;
    t.push(s.t[i]);
    f.push(s.v[i]);
  }
  return { t, f };
}

/**
 * `x smoothed` (experimental): the value at `ref` interpolated between the samples around it
 * within one lookback on either side; the last value when nothing follows (smoothSeries in
 * Prometheus's engine.go).
 */
export function lookupSmoothed(s: StoredSeries, ref: number, lookback: number): { t: number; f: number } | undefined {
  const w = rangeWindow(s, ref - lookback, ref + lookback);
  const i = w.t.findIndex((t) => t >= ref);
  if (i >= 0 && w.t[i] === ref) return { t: ref, f: w.f[i] };
  if (i > 0) {
    const [t1, t2, f1, f2] = [w.t[i - 1], w.t[i], w.f[i - 1], w.f[i]];
    return { t: ref, f: f1 + ((f2 - f1) * (ref - t1)) / (t2 - t1) };
  }
  if (i < 0 && w.t.length > 0) return { t: ref, f: w.f[w.f.length - 1] };
  return undefined;
}
