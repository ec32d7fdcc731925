import type { HumanTime } from '../scenario/load-stack.ts';
import type { Rng } from '../util/rng.ts';

/** The 90th percentile of a log-normal human time. */
const Z90 = 1.2815515655446004;

/**
 * Draws one human duration (log-normal: most are quick, a few take much longer). `capP90` caps
 * the tail at that many times the p90: a PR review during an incident does not take a day, and
 * an uncapped tail would push a rare draw past any run's end.
 */
export function drawHumanTime(rng: Rng, time: HumanTime, opts: { capP90?: number } = {}): number {
  const drawn = rng.logNormal(time.medianMs, time.sigma);
  return Math.round(opts.capP90 === undefined ? drawn : Math.min(drawn, humanTimeCap(time, opts.capP90)));
}

/** The longest a capped draw can be: `capP90` times the p90. */
export function humanTimeCap(time: HumanTime, capP90: number): number {
  return capP90 * time.medianMs * Math.exp(Z90 * time.sigma);
}
