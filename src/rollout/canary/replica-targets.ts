import { getAbortScaleDownDelaySeconds, hasTrafficRouting } from '../spec/rollout-defaults.ts';
import { computeDesiredReplicaCounts } from './canary-steps.ts';
import { currentReplicaSet, stableReplicaSet, type ControllerState } from './controller-state.ts';

/**
 * `utils/replicaset/canary.go:AtDesiredReplicaCountsForCanary`: the canary has exactly the
 * desired pods and all are available; the stable ReplicaSet has its desired count; for basic
 * canary no older ReplicaSet still serves.
 */
export function isAtDesiredReplicaCounts(s: ControllerState): boolean {
  const desired = computeDesiredReplicaCounts(s.rollout, s.status, getAbortScaleDownDelaySeconds(s.rollout));
  const canary = currentReplicaSet(s);
  if (canary.replicas !== desired.canary || canary.available !== desired.canary) return false;
  const stable = stableReplicaSet(s);
  if (stable && stable !== canary && stable.replicas !== desired.stable) return false;
  if (hasTrafficRouting(s.rollout)) return true;
  for (const rs of s.replicaSets.values()) {
    if (rs !== canary && rs !== stable && rs.available > 0) return false;
  }
  return true;
}
