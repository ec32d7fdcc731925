/**
 * Quantiles of a sample by linear interpolation between order statistics (Hyndman & Fan type 7,
 * the default of R, NumPy and spreadsheets), so `p90` of ten seeds lies between the 9th and 10th.
 * Infinity is a legal value (a time never reached) and sorts last; it is never multiplied by
 * zero, so a quantile below the infinite tail stays finite.
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return quantileOfSorted(sorted, q);
}

export function quantileOfSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const frac = h - lo;
  const a = sorted[lo];
  if (frac === 0) return a;
  const b = sorted[lo + 1];
  if (a === b) return a;
  return b === Number.POSITIVE_INFINITY ? b : a + (b - a) * frac;
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length;
}
