import type { RunRecord } from '../../runner/run-record.ts';
import type { TimelineEvent } from '../../timeline/events.ts';
import { findFirstBreach, findSustainedRecovery, SliSeries } from '../sli-windows.ts';

export interface RecoveryScore {
  /** When users first left the SLO, from the deploy's start; null if they never did. */
  impactStartMs: number | null;
  /** DORA's Failed Deployment Recovery Time; null when not reached (or not a failed deployment). */
  fdrtMs: number | null;
  fdrtNote: string;
}

/**
 * FDRT from ground truth: the first trailing 1-minute SLI window out of SLO after the deploy,
 * then the first forward window back in, held for 5 minutes. A bad deploy rolled back before
 * users noticed is "contained": recovered when the bad revision stopped serving.
 */
export function scoreRecovery(record: RunRecord, rollbackEvent: TimelineEvent | undefined): RecoveryScore {
  const { scenario } = record;
  const deployAt = scenario.baselineMs;
  const objective = scenario.slo.objective;
  const bad = scenario.truth.bad;
  const sli = new SliSeries(record.truth);
  const breachAt = findFirstBreach(sli, deployAt, objective);
  let recoveredAt: number | undefined;
  let fdrtNote: string;
  if (breachAt !== undefined) {
    recoveredAt = findSustainedRecovery(sli, breachAt, objective);
    fdrtNote = recoveredAt === undefined ? 'users were still out of SLO (or not yet 5 min back in) when the run ended' : 'users back within SLO, sustained for 5 min';
  } else if (bad && rollbackEvent) {
    recoveredAt = rollbackEvent.t;
    fdrtNote = 'contained: users never left the SLO; recovery is when the bad revision stopped serving';
  } else {
    fdrtNote = bad ? 'the bad revision was never removed' : 'no failed deployment';
  }
  return {
    impactStartMs: breachAt === undefined ? null : breachAt - deployAt,
    fdrtMs: bad && recoveredAt !== undefined ? recoveredAt - deployAt : null,
    fdrtNote,
  };
}
