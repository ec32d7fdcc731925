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
