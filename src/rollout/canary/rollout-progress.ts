import { getProgressDeadlineSeconds, getReplicas } from '../spec/rollout-defaults.ts';
import { getCurrentStep } from './canary-steps.ts';
import type { ControllerState } from './controller-state.ts';
import { REASONS } from './rollout-conditions.ts';
import { findCondition, type RolloutStatus } from './rollout-status.ts';

/** Progress and health predicates of `utils/conditions/conditions.go` and `rollout/sync.go`. */

/** `RolloutProgressing`: something moved since the last status. */
export function hasProgressed(prev: RolloutStatus, next: RolloutStatus): boolean {
  return (
    next.updatedReplicas !== prev.updatedReplicas ||
    next.replicas - next.updatedReplicas < prev.replicas - prev.updatedReplicas ||
    next.readyReplicas > prev.readyReplicas ||
    next.availableReplicas > prev.availableReplicas ||
    next.stableRS !== prev.stableRS ||
    (next.currentStepIndex !== null && prev.currentStepIndex !== null && next.currentStepIndex !== prev.currentStepIndex)
  );
}

/** `RolloutHealthy`: all pods updated and available, all steps done, stable is current, old pods gone. */
export function isRolloutHealthy(s: ControllerState, st: RolloutStatus): boolean {
  const replicas = getReplicas(s.rollout);
  const steps = s.rollout.spec.strategy.canary.steps.length;
  const allSteps = steps === 0 || st.currentStepIndex === null || st.currentStepIndex === steps;
  const stableIsCurrent = st.stableRS !== '' && st.stableRS === st.currentPodHash;
  return st.updatedReplicas === replicas && st.availableReplicas === replicas && allSteps && stableIsCurrent && st.replicas === replicas;
}

/**
 * `RolloutTimedOut`, firing exactly at the deadline (SEMANTICS §10.2). Paused and aborted
 * conditions never time out; an already timed-out one stays so.
 */
export function hasTimedOut(s: ControllerState, st: RolloutStatus): boolean {
  const cond = findCondition(st, 'Progressing');
  if (!cond || cond.reason === REASONS.aborted || cond.reason === REASONS.paused) return false;
  if (cond.reason === REASONS.timedOut) return true;
  return s.clock.now() >= progressDeadlineAt(s, st)!;
}

export function progressDeadlineAt(s: ControllerState, st: RolloutStatus): number | undefined {
  const cond = findCondition(st, 'Progressing');
  return cond ? cond.lastUpdateTime + getProgressDeadlineSeconds(s.rollout) * 1000 : undefined;
}

/** `isIndefiniteStep`: time at pause, analysis (and experiment) steps, or paused, does not count. */
export function isIndefiniteStep(s: ControllerState, st: RolloutStatus): boolean {
  const at = getCurrentStep(s.rollout, st);
  if (at && (at.step.type === 'pause' || at.step.type === 'analysis')) return true;
  return findCondition(st, 'Paused')?.status === 'True';
}

/** `isWaitingForReplicaSetScaleDown`: an old ReplicaSet waits for its scale-down deadline. */
export function isWaitingForScaleDown(s: ControllerState, st: RolloutStatus): boolean {
  for (const rs of s.replicaSets.values()) {
    const hash = rs.ref.podHash;
    if (hash !== st.currentPodHash && hash !== st.stableRS && rs.scaleDownAt !== null && rs.replicas > 0) return true;
  }
  return false;
}
