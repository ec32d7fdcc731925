import type { RolloutObject } from './rollout-types.ts';

/**
 * Argo's defaults, applied where each value is read (`utils/defaults/defaults.go`), so a parsed
 * rollout keeps what the user wrote and every reader agrees on the effective value.
 */
export const DEFAULT_REPLICAS = 1;
export const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;
export const DEFAULT_SCALE_DOWN_DELAY_SECONDS = 30;
export const DEFAULT_ABORT_SCALE_DOWN_DELAY_SECONDS = 30;
export const DEFAULT_MAX_SURGE = '25%';
export const DEFAULT_MAX_UNAVAILABLE = '25%';
export const DEFAULT_MAX_TRAFFIC_WEIGHT = 100;

export function getReplicas(r: RolloutObject): number {
  return r.spec.replicas ?? DEFAULT_REPLICAS;
}

export function getProgressDeadlineSeconds(r: RolloutObject): number {
  return r.spec.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE_SECONDS;
}

export function hasTrafficRouting(r: RolloutObject): boolean {
  return r.spec.strategy.canary.trafficRouting !== undefined;
}

/** `weightutil.MaxTrafficWeight`: 100 unless trafficRouting.maxTrafficWeight is set. */
export function getMaxTrafficWeight(r: RolloutObject): number {
  return r.spec.strategy.canary.trafficRouting?.maxTrafficWeight ?? DEFAULT_MAX_TRAFFIC_WEIGHT;
}

/** `GetScaleDownDelaySecondsOrDefault`: 30 with traffic routing; basic canary scales down at once. */
export function getScaleDownDelaySeconds(r: RolloutObject): number {
  if (!hasTrafficRouting(r)) return 0;
  return r.spec.strategy.canary.scaleDownDelaySeconds ?? DEFAULT_SCALE_DOWN_DELAY_SECONDS;
}

/**
 * `GetAbortScaleDownDelaySecondsOrDefault`: 30 with traffic routing, and `undefined` for an
 * explicit 0, which means "never scale the aborted canary down". Basic canary has no delay: the
 * canary is rolled back to 0 within maxSurge/maxUnavailable, so 0 (now) is returned.
 */
export function getAbortScaleDownDelaySeconds(r: RolloutObject): number | undefined {
  if (!hasTrafficRouting(r)) return 0;
  const v = r.spec.strategy.canary.abortScaleDownDelaySeconds ?? DEFAULT_ABORT_SCALE_DOWN_DELAY_SECONDS;
  return v === 0 ? undefined : v;
}
