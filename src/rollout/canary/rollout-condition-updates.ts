import { getReplicas } from '../spec/rollout-defaults.ts';
import { addAbort, isAborted, type ControllerState } from './controller-state.ts';
import { MESSAGES, REASONS, removeCondition, setCondition } from './rollout-conditions.ts';
import { compactPayload } from './rollout-events.ts';
import { hasProgressed, hasTimedOut, isIndefiniteStep, isRolloutHealthy, isWaitingForScaleDown } from './rollout-progress.ts';
import { findCondition, isFullyPromoted, type RolloutStatus } from './rollout-status.ts';

/**
 * The Rollout conditions, as `rollout/sync.go:calculateRolloutConditions`,
 * `evaluateProgressDeadlineAbort` and `checkPausedConditions` maintain them.
 */
function rsName(s: ControllerState): string {
  return `${s.rollout.name}-${s.status.currentPodHash}`;
}

/** `checkPausedConditions`, run at the start of a reconcile (Argo patches it separately). */
export function checkPausedConditions(s: ControllerState): void {
  const st = s.status;
  const now = s.clock.now();
  const prog = findCondition(st, 'Progressing');
  const progPaused = prog?.reason === REASONS.paused;
  const isPaused = st.pauseConditions.length > 0 || s.specPaused;
  const abortCond = prog?.reason === REASONS.aborted;
  if (isPaused !== progPaused && !abortCond && !isFullyPromoted(st)) {
    if (isPaused) setCondition(st, 'Progressing', 'Unknown', REASONS.paused, MESSAGES.paused, now);
    else setCondition(st, 'Progressing', 'Unknown', REASONS.resumed, MESSAGES.resumed, now);
  }
  if (!st.abort && abortCond) setCondition(st, 'Progressing', 'Unknown', REASONS.retry, MESSAGES.retry, now);
  const pausedTrue = findCondition(st, 'Paused')?.status === 'True';
  if (isPaused !== pausedTrue && !abortCond) {
    setCondition(st, 'Paused', isPaused ? 'True' : 'False', REASONS.paused, MESSAGES.paused, now);
  }
}

/** `evaluateProgressDeadlineAbort`: with progressDeadlineAbort, a stalled update aborts. */
export function evaluateProgressDeadlineAbort(s: ControllerState, prev: RolloutStatus): void {
  if (!s.rollout.spec.progressDeadlineAbort || isAborted(s) || isFullyPromoted(s.status)) return;
  if (hasProgressed(prev, s.status)) return;
  if (isIndefiniteStep(s, prev) || isWaitingForScaleDown(s, prev) || !hasTimedOut(s, prev)) return;
  addAbort(s, MESSAGES.rsTimedOut(rsName(s)));
}

export function calculateRolloutConditions(s: ControllerState, prev: RolloutStatus): void {
  const st = s.status;
  const now = s.clock.now();
  const isPaused = st.pauseConditions.length > 0 || s.specPaused;
  const aborted = isAborted(s);
  const healthy = isRolloutHealthy(s, st);
  let becameUnhealthy = false;
  if (!isPaused && healthy) setCondition(st, 'Healthy', 'True', REASONS.healthy, MESSAGES.healthy, now);
  else if (findCondition(st, 'Healthy')) becameUnhealthy = setCondition(st, 'Healthy', 'False', REASONS.healthy, MESSAGES.notHealthy, now);
  if (aborted) {
    const base = MESSAGES.aborted(st.revision);
    const message = s.pause.abortMessage ? `${base}: ${s.pause.abortMessage}` : base;
    if (setCondition(st, 'Progressing', 'False', REASONS.aborted, message, now)) {
      s.emit('rollout.aborted', compactPayload([['rollout', s.rollout.name], ['reason', 'RolloutAborted'], ['revision', st.revision], ['message', message]]));
    }
  } else if (healthy) {
    setCondition(st, 'Progressing', 'True', REASONS.newRSAvailable, MESSAGES.rsCompleted(rsName(s)), now);
  } else if (hasProgressed(prev, st) || becameUnhealthy) {
    markProgress(s, st, now, becameUnhealthy);
  } else if (!isIndefiniteStep(s, prev) && !isWaitingForScaleDown(s, prev) && hasTimedOut(s, st)) {
    setCondition(st, 'Progressing', 'False', REASONS.timedOut, MESSAGES.rsTimedOut(rsName(s)), now);
  }
  const available = st.availableReplicas >= getReplicas(s.rollout);
  setCondition(st, 'Available', available ? 'True' : 'False', REASONS.available, available ? MESSAGES.available : MESSAGES.notAvailable, now);
  const completed = isFullyPromoted(st);
  if (setCondition(st, 'Completed', completed ? 'True' : 'False', REASONS.completed, REASONS.completed, now) && !completed) {
    s.emit('rollout.not-completed', compactPayload([
      ['rollout', s.rollout.name], ['reason', 'RolloutNotCompleted'], ['revision', st.revision], ['podHash', st.currentPodHash],
      ['message', `Rollout not completed, started update to revision ${st.revision} (${st.currentPodHash})`],
    ]));
  }
}

/** Progress refreshes lastUpdateTime (and keeps lastTransitionTime while it stays True). */
function markProgress(s: ControllerState, st: RolloutStatus, now: number, becameUnhealthy: boolean): void {
  const current = findCondition(st, 'Progressing');
  const notAvailable = st.stableRS === st.currentPodHash && becameUnhealthy;
  const reason = notAvailable ? 'ReplicaSetNotAvailable' : REASONS.replicaSetUpdated;
  const message = notAvailable ? MESSAGES.notAvailable : MESSAGES.rsProgressing(rsName(s));
  const transition = current?.status === 'True' ? current.lastTransitionTime : now;
  removeCondition(st, 'Progressing');
  st.conditions.push({ type: 'Progressing', status: 'True', reason, message, lastUpdateTime: now, lastTransitionTime: transition });
}
