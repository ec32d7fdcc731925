import { DEFAULT_MAX_SURGE, getMaxTrafficWeight, getReplicas, hasTrafficRouting } from '../spec/rollout-defaults.ts';
import type { CanaryStep, RolloutObject, SetCanaryScale } from '../spec/rollout-types.ts';
import { approximateWeightedCanaryStableReplicaCounts } from './basic-canary-replicas.ts';
import { isFullyPromoted, type RolloutStatus } from './rollout-status.ts';

/** Step lookups and desired counts (`utils/replicaset/canary.go`). */
export function getCurrentStep(r: RolloutObject, status: RolloutStatus): { step: CanaryStep; index: number } | undefined {
  const steps = r.spec.strategy.canary.steps;
  const index = status.currentStepIndex ?? 0;
  return index < steps.length ? { step: steps[index], index } : undefined;
}

/** `GetCurrentSetWeight`: the last setWeight at or before the current step; 0 when aborted. */
export function getCurrentSetWeight(r: RolloutObject, status: RolloutStatus): number {
  if (status.abort) return 0;
  const current = getCurrentStep(r, status);
  if (!current) return getMaxTrafficWeight(r);
  return findSetWeightAtOrBefore(r, current.index) ?? 0;
}

export function findSetWeightAtOrBefore(r: RolloutObject, index: number): number | undefined {
  const steps = r.spec.strategy.canary.steps;
  for (let i = index; i >= 0; i--) {
    const s = steps[i];
    if (s?.type === 'setWeight') return s.setWeight;
  }
  return undefined;
}

/**
 * `UseSetCanaryScale`: the latest setCanaryScale at or before the current step, unless it says
 * matchTrafficWeight. Ignored after an abort unless the canary is kept (abortScaleDownDelaySeconds 0).
 */
export function useSetCanaryScale(r: RolloutObject, status: RolloutStatus, abortDelay: number | undefined): SetCanaryScale | undefined {
  if (!hasTrafficRouting(r)) return undefined;
  if (status.abort && abortDelay !== undefined) return undefined;
  const current = getCurrentStep(r, status);
  if (!current) return undefined;
  for (let i = current.index; i >= 0; i--) {
    const s = r.spec.strategy.canary.steps[i];
    if (s.type !== 'setCanaryScale') continue;
    return s.setCanaryScale.matchTrafficWeight ? undefined : s.setCanaryScale;
  }
  return undefined;
}

/**
 * Desired replicas of the canary and the stable ReplicaSet for the current step
 * (`CalculateReplicaCountsForTrafficRoutedCanary`, `CalculateReplicaCountsForBasicCanary`).
 * Basic canary: the steady-state split only; the rolling moves within maxSurge/maxUnavailable in
 * between are not simulated (the step waits for this split either way).
 */
export function computeDesiredReplicaCounts(r: RolloutObject, status: RolloutStatus, abortDelay: number | undefined): { canary: number; stable: number } {
  const replicas = getReplicas(r);
  const maxWeight = getMaxTrafficWeight(r);
  const full = status.promoteFull || status.stableRS === '' || isFullyPromoted(status);
  const scale = full ? undefined : useSetCanaryScale(r, status, abortDelay);
  const weight = full ? maxWeight : scale?.weight ?? getCurrentSetWeight(r, status);
  if (hasTrafficRouting(r)) {
    const canary = scale?.replicas ?? applyMinPods(r, Math.ceil((weight * replicas) / maxWeight));
    return { canary, stable: replicas };
  }
  if (full) return { canary: replicas, stable: 0 };
  const [canary, stable] = approximateWeightedCanaryStableReplicaCounts(replicas, weight, maxWeight, hasMaxSurge(r));
  return { canary, stable };
}

function applyMinPods(r: RolloutObject, count: number): number {
  const min = r.spec.strategy.canary.minPodsPerReplicaSet;
  if (count === 0 || min === undefined) return count;
  return Math.max(count, Math.min(min, getReplicas(r)));
}

function hasMaxSurge(r: RolloutObject): boolean {
  const v = r.spec.strategy.canary.maxSurge ?? DEFAULT_MAX_SURGE;
  return !(v === 0 || v === '0' || v === '0%');
}
