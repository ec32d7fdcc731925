import type { Alert } from '../../metrics/rules/rule-evaluator.ts';
import type { Timeline } from '../../timeline/timeline.ts';
import type { DetectionSignal } from './assemble-bundle.ts';

/** The controller events behind Argo Notifications' pages (what the notification was about). */
const NOTIFIED_BY: Record<string, string> = { RolloutAborted: 'rollout.aborted', RolloutPausedInconclusive: 'rollout.paused' };

/**
 * The event a page was about: the rollout's abort (or Inconclusive pause) for Argo's
 * notifications, else the page itself with the firing alert instance.
 */
export function detectionSignal(timeline: Timeline, reason: string, alert?: Alert): DetectionSignal {
  const events = timeline.all();
  const wanted = NOTIFIED_BY[reason];
  const cause = wanted ? [...events].reverse().find((e) => e.type === wanted) : undefined;
  const event = cause ?? [...events].reverse().find((e) => e.type === 'page.sent') ?? events[events.length - 1];
  return alert ? { event, alert } : { event };
}
