import { kahanInc, kahanMean } from '../kahan.ts';
import { quantile } from '../quantile.ts';
import { searchFirst } from './extended-rate.ts';
import type { RangeCall, RangeFunction, RangeWindow } from './range-window.ts';

/** The *_over_time family and other per-window statistics, from promql/functions.go. */

function avgOverTime(w: RangeWindow): number {
  return kahanMean(w.f);
}

function sumOverTime(w: RangeWindow): number {
  let sum = 0;
  let c = 0;
  for (const v of w.f) [sum, c] = kahanInc(v, sum, c);
  return Number.isFinite(sum) || Number.isNaN(sum) ? sum + c : sum;
}

function compareOverTime(w: RangeWindow, better: (cur: number, best: number) => boolean, returnTimestamp: boolean): number {
  let best = w.f[0];
  let bestT = w.t[0];
  for (let i = 0; i < w.f.length; i++) {
    if (better(w.f[i], best)) {
      best = w.f[i];
      bestT = w.t[i];
    }
  }
  return returnTimestamp ? bestT / 1000 : best;
}

function varianceOverTime(w: RangeWindow): number {
  let count = 0;
  let mean = 0;
  let cMean = 0;
  let aux = 0;
  let cAux = 0;
  for (const v of w.f) {
    count++;
    const delta = v - (mean + cMean);
    [mean, cMean] = kahanInc(delta / count, mean, cMean);
    [aux, cAux] = kahanInc(delta * (v - (mean + cMean)), aux, cAux);
  }
  return (aux + cAux) / count;
}

function madOverTime(w: RangeWindow): number {
  if (w.f.some(Number.isNaN)) return Number.NaN;
  const median = quantile(0.5, w.f);
  return quantile(0.5, w.f.map((v) => Math.abs(v - median)));
}

/** Least squares fit with compensated sums; x is seconds since interceptTime. */
export function linearRegression(w: RangeWindow, interceptTime: number): [slope: number, intercept: number] {
  let n = 0;
  let sumX = 0, cX = 0, sumY = 0, cY = 0, sumXY = 0, cXY = 0, sumX2 = 0, cX2 = 0;
  const initY = w.f[0];
  let constY = true;
  for (let i = 0; i < w.f.length; i++) {
    const y = w.f[i];
    if (constY && i > 0 && y !== initY) constY = false;
    n += 1;
    const x = (w.t[i] - interceptTime) / 1e3;
    [sumX, cX] = kahanInc(x, sumX, cX);
    [sumY, cY] = kahanInc(y, sumY, cY);
    [sumXY, cXY] = kahanInc(x * y, sumXY, cXY);
    [sumX2, cX2] = kahanInc(x * x, sumX2, cX2);
  }
  if (constY) {
    if (!Number.isFinite(initY) && !Number.isNaN(initY)) return [Number.NaN, Number.NaN];
    return [0, initY];
  }
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  return [slope, sumY / n - (slope * sumX) / n];
}

function doubleExponentialSmoothing(w: RangeWindow, call: RangeCall): number | undefined {
  const [sf, tf] = call.scalars;
  if (!(sf > 0 && sf < 1)) throw new RangeError(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${sf.toFixed(6)}`);
  if (!(tf > 0 && tf < 1)) throw new RangeError(`invalid trend factor. Expected: 0 < tf < 1, got: ${tf.toFixed(6)}`);
  const f = w.f;
  if (f.length < 2) return undefined;
  let s0 = 0;
  let s1 = f[0];
  let b = f[1] - f[0];
  for (let i = 1; i < f.length; i++) {
    const x = sf * f[i];
    // The trend at step i-1 (for i-1 == 0 it is the initial b).
    if (i - 1 !== 0) b = tf * (s1 - s0) + (1 - tf) * b;
    const y = (1 - sf) * (s1 + b);
    [s0, s1] = [s1, x + y];
  }
  return s1;
}

/** First sample to count for resets/changes: with `anchored`, the last one at or before the range. */
function firstIndex(w: RangeWindow, call: RangeCall): number | undefined {
  if (!call.anchored) return 0;
  const lastLE = searchFirst(w.t.length, (i) => w.t[i] > call.rangeStart) - 1;
  if (lastLE + 1 >= w.t.length) return undefined;
  return Math.max(lastLE, 0);
}

function resets(w: RangeWindow, call: RangeCall): number | undefined {
  const first = firstIndex(w, call);
  if (first === undefined) return undefined;
  let n = 0;
  for (let i = first + 1; i < w.f.length; i++) if (w.f[i] < w.f[i - 1]) n++;
  return n;
}

function changes(w: RangeWindow, call: RangeCall): number | undefined {
  const first = firstIndex(w, call);
  if (first === undefined) return undefined;
  let n = 0;
  for (let i = first + 1; i < w.f.length; i++) {
    const [prev, cur] = [w.f[i - 1], w.f[i]];
    if (cur !== prev && !(Number.isNaN(cur) && Number.isNaN(prev))) n++;
  }
  return n;
}

export const OVER_TIME_FUNCTIONS: Record<string, RangeFunction> = {
  avg_over_time: avgOverTime,
  sum_over_time: sumOverTime,
  count_over_time: (w) => w.f.length,
  max_over_time: (w) => compareOverTime(w, (cur, best) => cur > best || Number.isNaN(best), false),
  min_over_time: (w) => compareOverTime(w, (cur, best) => cur < best || Number.isNaN(best), false),
  ts_of_max_over_time: (w) => compareOverTime(w, (cur, best) => cur >= best || Number.isNaN(best), true),
  ts_of_min_over_time: (w) => compareOverTime(w, (cur, best) => cur <= best || Number.isNaN(best), true),
  ts_of_first_over_time: (w) => w.t[0] / 1000,
  ts_of_last_over_time: (w) => w.t[w.t.length - 1] / 1000,
  first_over_time: (w) => w.f[0],
  last_over_time: (w) => w.f[w.f.length - 1],
  present_over_time: () => 1,
  stdvar_over_time: varianceOverTime,
  stddev_over_time: (w) => Math.sqrt(varianceOverTime(w)),
  mad_over_time: madOverTime,
  quantile_over_time: (w, c) => quantile(c.scalars[0], w.f),
  deriv: (w) => (w.f.length < 2 ? undefined : linearRegression(w, w.t[0])[0]),
  predict_linear: (w, c) => {
    if (w.f.length < 2) return undefined;
    const [slope, intercept] = linearRegression(w, c.ts);
    return slope * c.scalars[0] + intercept;
  },
  resets,
  changes,
  double_exponential_smoothing: doubleExponentialSmoothing,
};

