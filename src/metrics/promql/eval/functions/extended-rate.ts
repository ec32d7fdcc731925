import type { RangeCall, RangeWindow } from './range-window.ts';

/**
 * rate/increase/delta over `anchored` and `smoothed` range selectors (experimental in Prometheus
 * 3): the window holds one extra lookback of samples before the range (and after it, when
 * smoothed); the values at the range boundaries are picked or interpolated instead of
 * extrapolated. Ported from extendedRate in promql/functions.go.
 */
export function extendedRate(w: RangeWindow, call: RangeCall, isCounter: boolean, isRate: boolean): number | undefined {
  const { t, f } = w;
  if (f.length === 0) return undefined;
  const { rangeStart, rangeEnd, smoothed } = call;
  let lastSampleIndex = f.length - 1;
  let firstSampleIndex = Math.max(0, searchFirst(lastSampleIndex, (i) => t[i] > rangeStart) - 1);
  if (smoothed) lastSampleIndex = searchFirst(lastSampleIndex, (i) => t[i] >= rangeEnd);
  if (t[lastSampleIndex] <= rangeStart) return undefined;
  if (smoothed && t[firstSampleIndex] > rangeEnd) return undefined;
  const left = pickOrInterpolateLeft(w, firstSampleIndex, rangeStart, smoothed, isCounter);
  const right = pickOrInterpolateRight(w, lastSampleIndex, rangeEnd, smoothed, isCounter);
  let result = right - left;
  if (isCounter) {
    if (t[firstSampleIndex] <= rangeStart) firstSampleIndex++;
    if (t[lastSampleIndex] >= rangeEnd) lastSampleIndex--;
    result += correctForCounterResets(left, right, f.slice(firstSampleIndex, lastSampleIndex + 1));
  }
  if (isRate) result /= call.range / 1000;
  return result;
}

/** Go's sort.Search(n, pred): smallest i in [0, n) with pred(i), or n. */
export function searchFirst(n: number, pred: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (!pred(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function pickOrInterpolateLeft(w: RangeWindow, first: number, rangeStart: number, smoothed: boolean, isCounter: boolean): number {
  if (smoothed && w.t[first] < rangeStart) return interpolate(w, first, first + 1, rangeStart, isCounter);
  return w.f[first];
}

export function pickOrInterpolateRight(w: RangeWindow, last: number, rangeEnd: number, smoothed: boolean, isCounter: boolean): number {
  if (smoothed && last > 0 && w.t[last] > rangeEnd) return interpolate(w, last - 1, last, rangeEnd, isCounter);
  return w.f[last];
}

function interpolate(w: RangeWindow, i1: number, i2: number, t: number, isCounter: boolean): number {
  let y1 = w.f[i1];
  const y2 = w.f[i2];
  if (isCounter && y2 < y1) y1 = 0;
  return y1 + ((y2 - y1) * (t - w.t[i1])) / (w.t[i2] - w.t[i1]);
}

function correctForCounterResets(left: number, right: number, points: number[]): number {
  let correction = 0;
  let prev = left;
  for (const p of points) {
    if (p < prev) correction += prev;
    prev = p;
  }
  if (right < prev) correction += prev;
  return correction;
}

/** extendFloats: a plain `x[5m] anchored|smoothed` result gets points exactly at both edges. */
export function extendFloats(w: RangeWindow, mint: number, maxt: number, smoothed: boolean): RangeWindow {
  const { t, f } = w;
  let lastSampleIndex = t.length - 1;
  let firstSampleIndex = Math.max(0, searchFirst(lastSampleIndex, (i) => t[i] > mint) - 1);
  if (smoothed) lastSampleIndex = searchFirst(lastSampleIndex, (i) => t[i] >= maxt);
  if (t[lastSampleIndex] <= mint) return { t: [], f: [] };
  const left = pickOrInterpolateLeft(w, firstSampleIndex, mint, smoothed, false);
  const right = pickOrInterpolateRight(w, lastSampleIndex, maxt, smoothed, false);
  if (t[firstSampleIndex] <= mint) firstSampleIndex++;
  if (t[lastSampleIndex] >= maxt) lastSampleIndex--;
  return {
    t: [mint, ...t.slice(firstSampleIndex, lastSampleIndex + 1), maxt],
    f: [left, ...f.slice(firstSampleIndex, lastSampleIndex + 1), right],
  };
}
