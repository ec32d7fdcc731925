import type { DoraTier } from './stack-maturity.ts';

const HOUR = 3_600_000;

/**
 * DORA's recovery-time buckets (State of DevOps reports): under an hour is elite, under a day
 * high, under a week medium, longer low.
 */
export function tierOfRecovery(fdrtMs: number): DoraTier {
  if (fdrtMs < HOUR) return 'elite';
  if (fdrtMs < 24 * HOUR) return 'high';
  if (fdrtMs < 7 * 24 * HOUR) return 'medium';
  return 'low';
}

/** Change failure rate by the 2023 report's clusters: 5% elite, 10% high, 15% medium, above that low. */
export function tierOfChangeFailureRate(cfr: number): DoraTier {
  if (cfr <= 0.05) return 'elite';
  if (cfr <= 0.1) return 'high';
  if (cfr <= 0.15) return 'medium';
  return 'low';
}

const ORDER: DoraTier[] = ['elite', 'high', 'medium', 'low'];

export function lowerTier(a: DoraTier, b: DoraTier): DoraTier {
  return ORDER[Math.max(ORDER.indexOf(a), ORDER.indexOf(b))];
}
