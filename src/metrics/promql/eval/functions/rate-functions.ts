import type { RangeCall, RangeFunction, RangeWindow } from './range-window.ts';
import { extendedRate } from './extended-rate.ts';

/**
 * rate, increase, delta, irate, idelta: Prometheus 3's extrapolatedRate and instantValue
 * (promql/functions.go), float samples only.
 */
function extrapolatedRate(w: RangeWindow, call: RangeCall, isCounter: boolean, isRate: boolean): number | undefined {
  if (call.anchored || call.smoothed) return extendedRate(w, call, isCounter, isRate);
  const { t, f } = w;
  const n = f.length;
  // One sample gives no rate (start-timestamp based increases are not stored by this TSDB).
  if (n < 2) return undefined;
  let result = f[n - 1] - f[0];
  if (isCounter) {
    for (let i = 1; i < n; i++) if (f[i] < f[i - 1]) result += f[i - 1];
  }
  let durationToStart = (t[0] - call.rangeStart) / 1000;
  let durationToEnd = (call.rangeEnd - t[n - 1]) / 1000;
  const sampledInterval = (t[n - 1] - t[0]) / 1000;
  const averageDurationBetweenSamples = sampledInterval / (n - 1);
  const extrapolationThreshold = averageDurationBetweenSamples * 1.1;
  // Extrapolate to a window edge only when a sample is close to it; otherwise assume the series
  // starts or ends half an interval beyond its first or last sample.
  if (durationToStart >= extrapolationThreshold) durationToStart = averageDurationBetweenSamples / 2;
  if (isCounter) {
    // A counter cannot go below zero: do not extrapolate further back than its zero point.
    let durationToZero = durationToStart;
    if (result > 0 && f[0] >= 0) durationToZero = sampledInterval * (f[0] / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  if (durationToEnd >= extrapolationThreshold) durationToEnd = averageDurationBetweenSamples / 2;
  let factor = 1;
  if (sampledInterval !== 0) factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
  if (isRate) factor /= call.range / 1000;
  return result * factor;
}

function instantValue(w: RangeWindow, isRate: boolean): number | undefined {
  const n = w.f.length;
  if (n < 2) return undefined;
  const [t0, t1] = [w.t[n - 2], w.t[n - 1]];
  const [f0, f1] = [w.f[n - 2], w.f[n - 1]];
  const sampledInterval = t1 - t0;
  if (sampledInterval === 0) return undefined;
  // On a counter reset irate uses the value after the reset as the increase.
  let result = f1;
  if (!isRate || !(f1 < f0)) result = f1 - f0;
  if (isRate) result /= sampledInterval / 1000;
  return result;
}

export const RATE_FUNCTIONS: Record<string, RangeFunction> = {
  rate: (w, c) => extrapolatedRate(w, c, true, true),
  increase: (w, c) => extrapolatedRate(w, c, true, false),
  delta: (w, c) => extrapolatedRate(w, c, false, false),
  irate: (w) => instantValue(w, true),
  idelta: (w) => instantValue(w, false),
};
