import type { RunRecord } from '../runner/run-record.ts';
import type { TimelineEvent } from '../timeline/events.ts';
import type { Scorecard } from './scorecard.ts';
import { findFirstBreach, findSustainedRecovery, SliSeries } from './sli-windows.ts';
import { computeTtdBreakdown } from './ttd-breakdown.ts';

/** Timeline events that mean "the stack noticed": a page, or the rollout controller aborting. */
function isDetection(e: TimelineEvent): boolean {
  return (e.source === 'pager' && e.type === 'page.sent') || (e.source === 'rollout' && e.type === 'rollout.aborted');
}

/** Events that take the new revision away from users. */
function isRollback(e: TimelineEvent): boolean {
  return (e.source === 'oncall' && e.type === 'deploy.rolled-back') || (e.source === 'rollout' && e.type === 'rollout.aborted');
}

/**
 * Scores one run from the scenario's ground truth, the world's per-request outcomes and the
 * timeline, never from the stack's own metrics or claims.
 */
export function scoreRun(record: RunRecord): Scorecard {
  const { scenario, timeline } = record;
  const deployAt = scenario.baselineMs;
  const objective = scenario.slo.objective;
  const bad = scenario.truth.bad;
  const sli = new SliSeries(record.truth);
  const reasons: string[] = [];

  // The earliest detection; at the same instant the rollout's abort (which acts) is credited
  // rather than the page it raced with.
  const detections = timeline.filter((e) => e.t >= deployAt && isDetection(e));
  const firstAt = detections[0]?.t;
  const detectionEvent = detections.find((e) => e.t === firstAt && e.source === 'rollout') ?? detections[0];
  const detection = detectionEvent
    ? {
        by: detectionEvent.source,
        signal: String(detectionEvent.alert ?? detectionEvent.message ?? detectionEvent.type),
        ttdMs: detectionEvent.t - deployAt,
        breakdown: computeTtdBreakdown(record, detectionEvent),
      }
    : null;
  const rollbackEvent = timeline.find((e) => e.t >= deployAt && isRollback(e));
  const rollback = rollbackEvent ? { by: rollbackEvent.source === 'oncall' ? 'human' : 'rollout controller', atMs: rollbackEvent.t - deployAt } : null;
  const pages = timeline.filter((e) => e.source === 'pager' && e.type === 'page.sent').length;

  const breachAt = findFirstBreach(sli, deployAt, objective);
  let recoveredAt: number | undefined;
  let fdrtNote: string;
  if (breachAt !== undefined) {
    recoveredAt = findSustainedRecovery(sli, breachAt, objective);
    fdrtNote = recoveredAt === undefined ? 'users were still out of SLO (or not yet 5 min back in) when the run ended' : 'users back within SLO, sustained for 5 min';
  } else if (bad && rollback) {
    recoveredAt = rollbackEvent!.t;
    fdrtNote = 'contained: users never left the SLO; recovery is when the bad revision stopped serving';
  } else {
    fdrtNote = bad ? 'the bad revision was never removed' : 'no failed deployment';
  }
  const fdrtMs = bad && recoveredAt !== undefined ? recoveredAt - deployAt : null;

  // Every user hurt after the deploy counts, up to the end of the run (not just to the
  // recovery point, whose forward window may still hold a last bad second).
  const end = sli.endMs + 1000;
  const window = sli.count(deployAt, end);
  let failed = 0, slow = 0, dropped = 0, canaryServed = 0;
  for (const b of record.truth) {
    if (b.t < deployAt || b.t >= end) continue;
    failed += b.failed;
    slow += b.slow;
    dropped += b.dropped;
    canaryServed += b.canary;
  }
  const budgetRequests = scenario.load.rate * (scenario.slo.windowMs / 1000) * (1 - objective / 100);
  const steadyBefore = timeline.find((e) => e.type === 'steady-state.before')?.met === true;
  const steadyAfter = timeline.find((e) => e.type === 'steady-state.after')?.met === true;

  let pass: boolean;
  if (!steadyBefore) {
    pass = false;
    reasons.push('steady state before the deploy was not met: the testbed was unhealthy before the drill');
  }
  if (bad) {
    pass = steadyBefore && detection !== null && fdrtMs !== null;
    reasons.push(detection ? `detected by ${detection.by} (${detection.signal})` : 'not detected');
    reasons.push(fdrtMs !== null ? 'recovered' : `not recovered: ${fdrtNote}`);
  } else {
    pass = steadyBefore && rollback === null && pages === 0;
    if (rollback) reasons.push(`false rollback by ${rollback.by}`);
    if (pages > 0) reasons.push(`false page (${pages})`);
    if (!rollback && pages === 0) reasons.push('good deploy: no page, no rollback');
  }

  return {
    verdict: pass ? 'pass' : 'fail',
    reasons,
    bad,
    detected: detection !== null,
    detection,
    impactStartMs: breachAt === undefined ? null : breachAt - deployAt,
    fdrtMs,
    fdrtNote,
    rollback,
    falseRollback: !bad && rollback !== null,
    pages,
    falsePage: !bad && pages > 0,
    blastRadius: {
      badRequests: window.bad,
      failed,
      slow,
      dropped,
      totalRequests: window.total,
      share: window.total ? window.bad / window.total : 0,
      canaryServed,
      errorBudgetBurnedPercent: (100 * window.bad) / budgetRequests,
    },
    steadyState: { before: steadyBefore, after: steadyAfter },
  };
}
