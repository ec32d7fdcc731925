import type { RunRecord } from '../../runner/run-record.ts';
import type { TimelineEvent } from '../../timeline/events.ts';
import type { Scorecard } from '../scorecard.ts';
import { computeTtdBreakdown } from '../ttd-breakdown.ts';

/** Timeline events that mean "the stack noticed": a page, or the rollout controller aborting. */
function isDetection(e: TimelineEvent): boolean {
  return (e.source === 'pager' && e.type === 'page.sent') || (e.source === 'rollout' && e.type === 'rollout.aborted');
}

/** Events that take the new revision away from users. */
function isRollback(e: TimelineEvent): boolean {
  return (e.source === 'oncall' && e.type === 'deploy.rolled-back') || (e.source === 'rollout' && e.type === 'rollout.aborted');
}

export interface DetectionScore {
  detection: Scorecard['detection'];
  rollback: Scorecard['rollback'];
  /** The event that took the new revision away, for the recovery scorer. */
  rollbackEvent: TimelineEvent | undefined;
  pages: number;
}

/** Who noticed first and when, who rolled back and when, and how many pages went out. */
export function scoreDetection(record: RunRecord): DetectionScore {
  const { timeline } = record;
  const deployAt = record.scenario.baselineMs;
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
  return { detection, rollback, rollbackEvent, pages };
}
