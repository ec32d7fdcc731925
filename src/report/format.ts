import { formatDuration } from '../util/duration.ts';
import { tierOfRecovery } from '../suite/maturity/dora-tier.ts';

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

const TIER_LABEL = { elite: 'elite (< 1 h)', high: 'high (< 1 day)', medium: 'medium (< 1 week)', low: 'low (> 1 week)' } as const;

/** A recovery time's DORA bucket, labeled: `elite (< 1 h)`. */
export function doraTier(fdrtMs: number | null): string {
  return fdrtMs === null ? 'n/a' : TIER_LABEL[tierOfRecovery(fdrtMs)];
}

/** Text safe inside a Markdown table cell. */
export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
