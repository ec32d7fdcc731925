/**
 * Kahan-Babuska-Neumaier compensated summation step, as Prometheus's util/kahansum.Inc: returns
 * the new sum and compensation. Sums, averages and regressions go through it so their rounding
 * matches Prometheus's to the last bits.
 */
export function kahanInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (!Number.isFinite(t) && !Number.isNaN(t)) return [t, 0];
  if (Math.abs(sum) >= Math.abs(inc)) c += sum - t + inc;
  else c += inc - t + sum;
  return [t, c];
}

/**
 * The mean of `values` (at least one) as Prometheus takes it for avg and avg_over_time: a Kahan
 * sum divided at the end, switching to an incremental mean only when the sum would overflow.
 */
export function kahanMean(values: readonly number[]): number {
  let sum = values[0];
  let mean = 0;
  let c = 0;
  let count = 1;
  let incremental = false;
  for (let i = 1; i < values.length; i++) {
    count = i + 1;
    if (!incremental) {
      const [newSum, newC] = kahanInc(values[i], sum, c);
      if (Number.isFinite(newSum) || Number.isNaN(newSum)) {
        [sum, c] = [newSum, newC];
        continue;
      }
      // The direct sum would overflow: continue with an incremental mean from here on.
      incremental = true;
      mean = sum / (count - 1);
      c /= count - 1;
    }
    const q = (count - 1) / count;
    [mean, c] = kahanInc(values[i] / count, q * mean, q * c);
  }
  if (incremental) return mean + c;
  return sum / count + c / count;
}
