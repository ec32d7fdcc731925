import { computePauseDurationSeconds } from '../spec/pause-duration.ts';
import { getCurrentStep } from './canary-steps.ts';
import type { ControllerState } from './controller-state.ts';
import { progressDeadlineAt } from './rollout-progress.ts';
import { findCondition, isFullyPromoted } from './rollout-status.ts';

/**
 * When the controller must look again without being told: the end of a timed pause, the
 * progress deadline, a scale-down deadline, a retry. Argo requeues for the same instants
 * (`checkEnqueueRolloutDuringWait`, `requeueStuckRollout`, scale-down requeues).
 */
export function computeNextWakeup(s: ControllerState): number | undefined {
  const now = s.clock.now();
  const times: number[] = [];
  const st = s.status;
  const at = getCurrentStep(s.rollout, st);
  const cond = st.pauseConditions.find((c) => c.reason === 'CanaryPauseStep');
  if (at?.step.type === 'pause' && at.step.pause.duration !== undefined && cond) {
    times.push(cond.startTime + computePauseDurationSeconds(at.step.pause.duration) * 1000);
  }
  const progressing = findCondition(st, 'Progressing');
  const watching = ['ReplicaSetUpdated', 'RolloutResumed', 'RolloutRetry', 'ReplicaSetNotAvailable'];
  if (progressing && watching.includes(progressing.reason) && !isFullyPromoted(st)) {
    const deadline = progressDeadlineAt(s, st);
    if (deadline !== undefined) times.push(deadline);
  }
  for (const rs of s.replicaSets.values()) {
    if (rs.scaleDownAt !== null && rs.replicas > 0) times.push(rs.scaleDownAt);
    if (rs.retryAt !== null) times.push(rs.retryAt);
  }
  if (s.router.retryAt !== null) times.push(s.router.retryAt);
  if (s.runRetryAt !== null) times.push(s.runRetryAt);
  const future = times.filter((t) => t > now);
  return future.length > 0 ? Math.min(...future) : undefined;
}
