import type { HumanTime } from '../scenario/load-stack.ts';
import type { Rng } from '../util/rng.ts';

/** Draws one human duration (log-normal: most are quick, a few take much longer). */
export function drawHumanTime(rng: Rng, time: HumanTime): number {
  return Math.round(rng.logNormal(time.medianMs, time.sigma));
}
