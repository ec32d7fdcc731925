import { getMaxTrafficWeight, hasTrafficRouting } from '../spec/rollout-defaults.ts';
import { findSetWeightAtOrBefore, getCurrentSetWeight } from './canary-steps.ts';
import { currentReplicaSet, isAborted, stableReplicaSet, type ControllerState, type RouterState } from './controller-state.ts';
import { isAtDesiredReplicaCounts } from './replica-targets.ts';
import { isFullyPromoted } from './rollout-status.ts';
import { applyRouterState } from './target-calls.ts';

/**
 * `rollout/trafficrouting.go:reconcileTrafficRouting`, as exact weighted routing. The weight
 * follows the step only once the canary pods for it are available; until then the previous
 * step's weight holds. Aborted: 0 at once. Basic canary (no router): the share of available pods.
 */
export function reconcileTrafficRouting(s: ControllerState): void {
  const aborted = isAborted(s);
  const maxWeight = getMaxTrafficWeight(s.rollout);
  const desired: RouterState = hasTrafficRouting(s.rollout) ? computeRoutedState(s, aborted, maxWeight) : computeBasicState(s);
  const toPercent = hasTrafficRouting(s.rollout) ? (w: number): number => (w * 100) / maxWeight : (w: number): number => w;
  applyRouterState(s, desired, toPercent, aborted);
}

function computeRoutedState(s: ControllerState, aborted: boolean, maxWeight: number): RouterState {
  const st = s.status;
  if (isFullyPromoted(st)) return { canaryHash: st.stableRS, stableHash: st.stableRS, weight: 0 };
  const state = (weight: number): RouterState => ({ canaryHash: st.currentPodHash, stableHash: st.stableRS, weight });
  if (aborted || currentReplicaSet(s).available === 0) return state(0);
  if (st.promoteFull) return state(s.router.applied.weight);
  if (st.currentStepIndex === null) return state(0);
  const steps = s.rollout.spec.strategy.canary.steps;
  if (!isAtDesiredReplicaCounts(s)) return state(findSetWeightAtOrBefore(s.rollout, st.currentStepIndex - 1) ?? 0);
  if (st.currentStepIndex !== steps.length) return state(getCurrentSetWeight(s.rollout, st));
  return state(maxWeight);
}

function computeBasicState(s: ControllerState): RouterState {
  const st = s.status;
  if (isFullyPromoted(st)) return { canaryHash: st.stableRS, stableHash: st.stableRS, weight: 0 };
  const canary = currentReplicaSet(s).available;
  const stable = stableReplicaSet(s)?.available ?? 0;
  const weight = canary + stable === 0 ? 0 : (canary * 100) / (canary + stable);
  return { canaryHash: st.currentPodHash, stableHash: st.stableRS, weight };
}
