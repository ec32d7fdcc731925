import { formatDuration } from '../util/duration.ts';

/** "12m30s", or "not reached" for something that never happened. */
export function formatTime(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? 'not reached' : formatDuration(ms);
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatPercent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)}%`;
}

/**
 * DORA's recovery-time buckets (State of DevOps reports): under an hour is elite, under a day
 * high, under a week medium, longer low.
 */
export function doraTier(fdrtMs: number | null): string {
  if (fdrtMs === null) return 'n/a';
  if (fdrtMs < 3_600_000) return 'elite (< 1 h)';
  if (fdrtMs < 86_400_000) return 'high (< 1 day)';
  if (fdrtMs < 604_800_000) return 'medium (< 1 week)';
  return 'low (> 1 week)';
}
