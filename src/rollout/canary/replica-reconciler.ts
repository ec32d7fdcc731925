import { getAbortScaleDownDelaySeconds, getReplicas, getScaleDownDelaySeconds, hasTrafficRouting } from '../spec/rollout-defaults.ts';
import { computeDesiredReplicaCounts } from './canary-steps.ts';
import { currentReplicaSet, isAborted, stableReplicaSet, type ControllerState, type ReplicaSetState } from './controller-state.ts';
import { isFullyPromoted } from './rollout-status.ts';
import { scaleReplicaSet } from './target-calls.ts';

/**
 * `rollout/canary.go:reconcileCanaryReplicaSets` and `rollout/replicaset.go:reconcileNewReplicaSet`:
 * scale the canary and stable to the step's counts, keep an aborted canary up for
 * abortScaleDownDelaySeconds (traffic routing; 0 = forever), keep the previous stable up for
 * scaleDownDelaySeconds after promotion, and scale superseded canaries down. True when a scale
 * was started (the reconcile then stops here, as Argo's does).
 */
export function reconcileCanaryReplicaSets(s: ControllerState): boolean {
  if (haltsProgress(s)) return false;
  const now = s.clock.now();
  const canary = currentReplicaSet(s);
  const stable = stableReplicaSet(s);
  const abortDelay = getAbortScaleDownDelaySeconds(s.rollout);
  const desired = computeDesiredReplicaCounts(s.rollout, s.status, abortDelay);
  let scaled = false;
  if (isAborted(s) && hasTrafficRouting(s.rollout) && stable && stable !== canary) {
    scaled = reconcileAbortedCanary(s, canary, stable, abortDelay, now) || scaled;
  } else {
    canary.scaleDownAt = null;
    scaled = scaleReplicaSet(s, canary, desired.canary, isFullyPromoted(s.status) ? 'stable' : 'canary') || scaled;
    if (stable && stable !== canary) {
      const stableCount = isAborted(s) ? getReplicas(s.rollout) : desired.stable;
      scaled = scaleReplicaSet(s, stable, stableCount, 'stable') || scaled;
    }
  }
  for (const rs of s.replicaSets.values()) {
    if (rs === canary || rs === stable || rs.replicas === 0) continue;
    scaled = reconcileOldReplicaSet(s, rs, now) || scaled;
  }
  return scaled;
}

/**
 * `rollout/context.go:haltProgress`: while the user paused the rollout (spec.paused) or an
 * Inconclusive run paused it, no ReplicaSet is scaled, so no setWeight step can complete.
 */
function haltsProgress(s: ControllerState): boolean {
  return s.specPaused || s.status.pauseConditions.some((c) => c.reason === 'InconclusiveAnalysisRun');
}

function reconcileAbortedCanary(s: ControllerState, canary: ReplicaSetState, stable: ReplicaSetState, delay: number | undefined, now: number): boolean {
  let scaled = scaleReplicaSet(s, stable, getReplicas(s.rollout), 'stable');
  if (delay === undefined) return scaled;
  if (canary.scaleDownAt === null) {
    // The deadline is set only once stable can take all traffic (`shouldDelayScaleDownOnAbort`).
    if (stable.available >= getReplicas(s.rollout)) canary.scaleDownAt = now + delay * 1000;
    return scaled;
  }
  if (now >= canary.scaleDownAt) scaled = scaleReplicaSet(s, canary, 0, 'canary') || scaled;
  return scaled;
}

/** The previous stable after promotion waits scaleDownDelaySeconds; anything else goes now. */
function reconcileOldReplicaSet(s: ControllerState, rs: ReplicaSetState, now: number): boolean {
  if (rs.scaleDownAt === null) {
    const delay = rs.ref.podHash === s.previousStableHash ? getScaleDownDelaySeconds(s.rollout) : 0;
    rs.scaleDownAt = now + delay * 1000;
  }
  return now >= rs.scaleDownAt ? scaleReplicaSet(s, rs, 0, 'old') : false;
}
