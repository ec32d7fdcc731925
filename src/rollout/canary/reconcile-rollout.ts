import { reconcileAnalysisRuns } from './analysis-reconciler.ts';
import { reconcileCanaryPause, syncRolloutStatusCanary } from './canary-status-sync.ts';
import { createPauseContext, makeRevisionRef, type ControllerState } from './controller-state.ts';
import { persistStatus } from './persist-status.ts';
import { reconcileCanaryReplicaSets } from './replica-reconciler.ts';
import { checkPausedConditions } from './rollout-condition-updates.ts';
import { setCondition } from './rollout-conditions.ts';
import { compactPayload } from './rollout-events.ts';
import { cloneStatus } from './rollout-status.ts';
import { reconcileTrafficRouting } from './traffic-reconciler.ts';

/**
 * One reconcile of the rollout, in the order of `rollout/canary.go:rolloutCanary`: traffic,
 * analysis runs, ReplicaSets, pause, then the status. The caller repeats it at the same instant
 * until the status stops changing (Argo re-reconciles on every status update, SEMANTICS §10.1).
 */
export function reconcileRollout(s: ControllerState): void {
  const prev = cloneStatus(s.status);
  s.pause = createPauseContext();
  if (s.invalidSpec !== null) {
    setCondition(s.status, 'InvalidSpec', 'True', 'InvalidSpec', s.invalidSpec, s.clock.now());
    persistStatus(s, prev);
    return;
  }
  checkPausedConditions(s);
  if (s.pendingUpdate !== null) {
    startNewRevision(s, s.pendingUpdate);
    persistStatus(s, prev);
    return;
  }
  reconcileTrafficRouting(s);
  reconcileAnalysisRuns(s);
  if (s.pause.addPause.length > 0 || reconcileCanaryReplicaSets(s)) {
    syncRolloutStatusCanary(s, prev);
    return;
  }
  reconcileCanaryPause(s);
  syncRolloutStatusCanary(s, prev);
}

/**
 * A new pod template (`PodTemplateOrStepsChanged` -> `resetRolloutStatus`): steps restart at 0,
 * pauses, abort, promoteFull and the current runs are dropped (the old runs are terminated next).
 * Back to the stable hash: the steps are skipped (event SkipSteps) and it is promoted at once.
 */
function startNewRevision(s: ControllerState, podHash: string): void {
  const st = s.status;
  s.pendingUpdate = null;
  st.revision += 1;
  st.currentPodHash = podHash;
  const ref = makeRevisionRef(s.rollout.name, podHash, st.revision);
  const existing = s.replicaSets.get(podHash);
  if (existing) {
    existing.ref = ref;
    existing.scaleDownAt = null;
  } else {
    s.replicaSets.set(podHash, { ref, replicas: 0, available: 0, scaleDownAt: null, inFlight: false, retryAt: null });
  }
  s.emit('rollout.updated', compactPayload([
    ['rollout', s.rollout.name], ['reason', 'RolloutUpdated'], ['revision', st.revision], ['podHash', podHash],
    ['message', `Rollout updated to revision ${st.revision}`],
  ]));
  s.pause.clearPause = true;
  s.pause.removeAbort = true;
  st.promoteFull = false;
  st.canary.currentStepAnalysisRunStatus = null;
  st.canary.currentBackgroundAnalysisRunStatus = null;
  s.runs.step = null;
  s.runs.background = null;
  s.runRetryAt = null;
  s.lastRunError = null;
  const stepCount = s.rollout.spec.strategy.canary.steps.length;
  st.currentStepIndex = stepCount > 0 ? 0 : null;
  if (stepCount > 0 && st.stableRS === podHash) {
    s.emit('rollout.skip-steps', compactPayload([['rollout', s.rollout.name], ['reason', 'SkipSteps'], ['message', 'Rollback to stable ReplicaSets']]));
    st.currentStepIndex = stepCount;
  }
}
