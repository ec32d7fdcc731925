import { computePauseDurationSeconds } from '../spec/pause-duration.ts';
import { getCurrentSetWeight, getCurrentStep } from './canary-steps.ts';
import { currentReplicaSet, isAborted, type ControllerState } from './controller-state.ts';
import { getReplicas, hasTrafficRouting } from '../spec/rollout-defaults.ts';
import { isAtDesiredReplicaCounts } from './replica-targets.ts';
import { compactPayload } from './rollout-events.ts';
import type { RolloutStatus } from './rollout-status.ts';
import { formatCanaryStep } from '../spec/step-string.ts';
import { persistStatus } from './persist-status.ts';

/**
 * `rollout/canary.go:syncRolloutStatusCanary`: promote when everything is done, hold the step
 * index at 0 while aborted, or advance past a completed step; then persist.
 */
export function syncRolloutStatusCanary(s: ControllerState, prev: RolloutStatus): void {
  const st = s.status;
  const stepCount = s.rollout.spec.strategy.canary.steps.length;
  if (st.promoteFull) {
    s.pause.clearPause = true;
    s.pause.removeAbort = true;
  }
  const reason = computeFullPromoteReason(s);
  if (reason) {
    promoteStable(s, reason);
  } else if (isAborted(s)) {
    if (stepCount > 0) st.currentStepIndex = st.stableRS === st.currentPodHash ? stepCount : 0;
  } else if (isCurrentStepCompleted(s)) {
    const at = getCurrentStep(s.rollout, st)!;
    st.currentStepIndex = at.index + 1;
    st.canary.currentStepAnalysisRunStatus = null;
    s.runs.step = null;
    const step = formatCanaryStep(at.step);
    s.emit('rollout.step.completed', compactPayload([
      ['rollout', s.rollout.name], ['reason', 'RolloutStepCompleted'], ['stepIndex', at.index + 1], ['steps', stepCount], ['step', step],
      ['message', `Rollout step ${at.index + 1}/${stepCount} completed (${step})`],
    ]));
    s.pause.removePause.push('CanaryPauseStep');
  }
  persistStatus(s, prev);
}

/** `shouldFullPromote` for canary (the stable ReplicaSet always exists here). */
function computeFullPromoteReason(s: ControllerState): string {
  const st = s.status;
  if (isAborted(s)) return '';
  if (currentReplicaSet(s).available < getReplicas(s.rollout)) return '';
  if (st.promoteFull) return 'Full promotion requested';
  const stepCount = s.rollout.spec.strategy.canary.steps.length;
  if (stepCount === 0 || st.currentStepIndex === stepCount) return `Completed all ${stepCount} canary steps`;
  return '';
}

/** `promoteStable`: the current ReplicaSet becomes stable; RolloutCompleted when it changed. */
function promoteStable(s: ControllerState, reason: string): void {
  const st = s.status;
  const stepCount = s.rollout.spec.strategy.canary.steps.length;
  s.pause.clearPause = true;
  s.pause.removeAbort = true;
  st.promoteFull = false;
  st.currentStepIndex = stepCount > 0 ? stepCount : null;
  if (st.stableRS === st.currentPodHash) return;
  s.previousStableHash = st.stableRS;
  st.stableRS = st.currentPodHash;
  s.emit('rollout.completed', compactPayload([
    ['rollout', s.rollout.name], ['reason', 'RolloutCompleted'], ['revision', st.revision], ['podHash', st.currentPodHash],
    ['message', `Rollout completed update to revision ${st.revision} (${st.currentPodHash}): ${reason}`],
  ]));
}

/** `completedCurrentCanaryStep`. */
function isCurrentStepCompleted(s: ControllerState): boolean {
  if (s.specPaused) return false;
  const at = getCurrentStep(s.rollout, s.status);
  if (!at) return false;
  switch (at.step.type) {
    case 'pause':
      return isPauseStepCompleted(s, at.step.pause.duration);
    case 'setCanaryScale':
      return isAtDesiredReplicaCounts(s);
    case 'setWeight': {
      if (!isAtDesiredReplicaCounts(s)) return false;
      // Basic canary: the pod split is the weight. With a router: "verified", the router
      // confirmed this step's weight for this canary.
      if (!hasTrafficRouting(s.rollout)) return true;
      const r = s.router;
      return !r.inFlight && r.applied.canaryHash === s.status.currentPodHash && r.applied.weight === getCurrentSetWeight(s.rollout, s.status);
    }
    case 'analysis':
      return s.runs.step?.handle.status.phase === 'Successful';
  }
}

/** `CompletedCanaryPauseStep`: promoted (pause condition removed), or the duration has passed. */
function isPauseStepCompleted(s: ControllerState, duration: number | string | undefined): boolean {
  const cond = s.status.pauseConditions.find((c) => c.reason === 'CanaryPauseStep');
  if (s.status.controllerPause && !cond) return true;
  if (duration === undefined || !cond) return false;
  return s.clock.now() >= cond.startTime + computePauseDurationSeconds(duration) * 1000;
}

/** `reconcileCanaryPause`: entering a pause step adds the CanaryPauseStep condition. */
export function reconcileCanaryPause(s: ControllerState): void {
  const st = s.status;
  if (s.specPaused || st.promoteFull) return;
  const at = getCurrentStep(s.rollout, st);
  if (!at || at.step.type !== 'pause') return;
  if (!st.pauseConditions.some((c) => c.reason === 'CanaryPauseStep') && !st.controllerPause) s.pause.addPause.push('CanaryPauseStep');
}
