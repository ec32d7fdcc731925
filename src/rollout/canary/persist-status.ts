import { getReplicas, hasTrafficRouting } from '../spec/rollout-defaults.ts';
import type { ControllerState } from './controller-state.ts';
import { calculateRolloutConditions, evaluateProgressDeadlineAbort } from './rollout-condition-updates.ts';
import { compactPayload } from './rollout-events.ts';
import { calculateRolloutPhase } from './rollout-phase.ts';
import type { RolloutStatus } from './rollout-status.ts';

/**
 * `rollout/sync.go:persistRolloutStatus`: replica counts, the progress-deadline abort, the
 * abort/pause fields (`pauseContext.CalculatePauseStatus`), conditions, phase, and the events
 * that come from comparing the old and new status.
 */
export function persistStatus(s: ControllerState, prev: RolloutStatus): void {
  computeReplicaCounts(s);
  evaluateProgressDeadlineAbort(s, prev);
  calculatePauseStatus(s, prev);
  calculateRolloutConditions(s, prev);
  const { phase, message } = calculateRolloutPhase(
    { paused: s.specPaused, replicas: getReplicas(s.rollout), trafficRouting: hasTrafficRouting(s.rollout) },
    s.status,
  );
  s.status.phase = phase;
  s.status.message = message;
  emitStateChangeEvents(s, prev);
}

function computeReplicaCounts(s: ControllerState): void {
  let replicas = 0;
  let available = 0;
  for (const rs of s.replicaSets.values()) {
    replicas += rs.replicas;
    available += rs.available;
  }
  const current = s.replicaSets.get(s.status.currentPodHash);
  s.status.replicas = replicas;
  s.status.updatedReplicas = current?.replicas ?? 0;
  s.status.availableReplicas = available;
  s.status.readyReplicas = available;
}

function calculatePauseStatus(s: ControllerState, prev: RolloutStatus): void {
  const st = s.status;
  const p = s.pause;
  if (p.addAbort || (!p.removeAbort && prev.abort)) {
    st.abort = true;
    st.abortedAt = prev.abortedAt ?? s.clock.now();
    st.pauseConditions = [];
    st.controllerPause = false;
    return;
  }
  st.abort = false;
  st.abortedAt = null;
  if (p.clearPause) {
    st.pauseConditions = [];
    st.controllerPause = false;
    return;
  }
  let controllerPause = prev.controllerPause;
  const next = prev.pauseConditions.filter((c) => !p.removePause.includes(c.reason));
  for (const reason of p.addPause) {
    if (prev.pauseConditions.some((c) => c.reason === reason) || next.some((c) => c.reason === reason)) continue;
    next.push({ reason, startTime: s.clock.now() });
    controllerPause = true;
  }
  st.pauseConditions = next;
  st.controllerPause = next.length > 0 ? controllerPause : false;
}

/** `sendStateChangeEvents` (paused / resumed; no resume event for an abort) and the phase. */
function emitStateChangeEvents(s: ControllerState, prev: RolloutStatus): void {
  const st = s.status;
  const name = s.rollout.name;
  const wasPaused = prev.pauseConditions.length > 0;
  const isPaused = st.pauseConditions.length > 0;
  if (!wasPaused && isPaused) {
    const reason = st.pauseConditions[0].reason;
    s.emit('rollout.paused', compactPayload([['rollout', name], ['reason', 'RolloutPaused'], ['pauseReason', reason], ['message', `Rollout is paused (${reason})`]]));
  } else if (wasPaused && !isPaused && st.abortedAt === null) {
    s.emit('rollout.resumed', compactPayload([['rollout', name], ['reason', 'RolloutResumed'], ['message', 'Rollout is resumed']]));
  }
  if (prev.phase !== st.phase || prev.message !== st.message) {
    s.emit('rollout.phase', compactPayload([['rollout', name], ['phase', st.phase], ['previous', prev.phase], ['message', st.message]]));
  }
}
