import type { ControllerState } from './controller-state.ts';

/**
 * What `kubectl argo rollouts` patches (pkg/kubectl-argo-rollouts/cmd/*): status and spec edits
 * the next reconcile acts on.
 */

/** `promote` (`promote.go:getPatches`): unpause; clear the pause, or skip the current step. */
export function applyPromote(s: ControllerState, full: boolean): void {
  const st = s.status;
  s.specPaused = false;
  if (full) {
    if (st.currentPodHash !== st.stableRS) st.promoteFull = true;
    return;
  }
  const steps = s.rollout.spec.strategy.canary.steps.length;
  const skip = (): void => {
    if (st.currentStepIndex !== null && st.currentStepIndex < steps) st.currentStepIndex += 1;
  };
  const inconclusiveStep = st.canary.currentStepAnalysisRunStatus?.status === 'Inconclusive';
  if (inconclusiveStep && st.pauseConditions.length > 0 && st.controllerPause) {
    st.pauseConditions = [];
    st.controllerPause = false;
    skip();
  } else if (st.pauseConditions.length > 0) {
    st.pauseConditions = [];
  } else {
    skip();
  }
}

/** `abort`: `{"status":{"abort":true}}`. */
export function applyAbort(s: ControllerState): void {
  s.status.abort = true;
}

/** `retry rollout`: `{"status":{"abort":false}}`. */
export function applyRetry(s: ControllerState): void {
  s.status.abort = false;
}
