import type { Scorecard } from '../../../src/scoring/scorecard.ts';
import type { TimelineEvent } from '../../../src/timeline/events.ts';

/** What the fidelity test compares between `sim` and `local` for one drill. */
export interface DrillOutcome {
  detected: boolean;
  /** Who took the bad revision away: the rollout controller, the human, or nobody. */
  rolledBack: string;
  /** The new revision reached all traffic (Argo promotion, or the rolling update's last step). */
  promoted: boolean;
  ttdMs: number | null;
  fdrtMs: number | null;
  badRequests: number;
  share: number;
}

export function summarize(card: Scorecard, timeline: readonly TimelineEvent[]): DrillOutcome {
  return {
    detected: card.detected,
    rolledBack: card.rollback?.by ?? 'no',
    promoted: timeline.some((e) => e.type === 'world.promoted' || e.type === 'deploy.completed'),
    ttdMs: card.detection?.ttdMs ?? null,
    fdrtMs: card.fdrtMs,
    badRequests: card.blastRadius.badRequests,
    share: card.blastRadius.share,
  };
}

const time = (ms: number | null): string => (ms === null ? '-' : `${(ms / 1000).toFixed(1)}s`);
const blast = (o: DrillOutcome): string => `${o.badRequests} (${(100 * o.share).toFixed(2)}%)`;

/** The side-by-side table the fidelity tests print (`other`: the backend beside sim, `local` or `argo`). */
export function formatFidelityTable(rows: { scenario: string; stack: string; sim: DrillOutcome; local: DrillOutcome; metrics: string }[], other = 'local'): string {
  const header = ['scenario', 'stack', `detected sim/${other}`, `rolled back sim/${other}`, `promoted sim/${other}`, 'TTD sim', `TTD ${other}`, 'FDRT sim', `FDRT ${other}`, 'blast sim', `blast ${other}`, `${other} metrics`];
  const body = rows.map(({ scenario, stack, sim, local, metrics }) => [
    scenario, stack, `${sim.detected ? 'yes' : 'no'}/${local.detected ? 'yes' : 'no'}`, `${sim.rolledBack}/${local.rolledBack}`,
    `${sim.promoted ? 'yes' : 'no'}/${local.promoted ? 'yes' : 'no'}`, time(sim.ttdMs), time(local.ttdMs), time(sim.fdrtMs), time(local.fdrtMs), blast(sim), blast(local), metrics,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const fmt = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...body.map(fmt)].join('\n');
}
