/** A share and its confidence interval. */
export interface RateInterval {
  successes: number;
  n: number;
  rate: number;
  low: number;
  high: number;
}

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/**
 * Wilson's score interval for a binomial share. Unlike the normal approximation it stays inside
 * [0, 1] and is not degenerate at 0/n or n/n, which is where a suite's rates usually sit
 * (10 of 10 seeds detected still leaves room for 1 in 4 to fail).
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): RateInterval {
  if (n === 0) return { successes, n, rate: Number.NaN, low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  // At 0/n and n/n the bound is exactly 0 or 1; the formula leaves a rounding error there.
  return { successes, n, rate: p, low: successes === 0 ? 0 : Math.max(0, centre - half), high: successes === n ? 1 : Math.min(1, centre + half) };
}
