import type { ConditionType, RolloutCondition, RolloutStatus } from './rollout-status.ts';

/**
 * Condition bookkeeping with `utils/conditions/conditions.go` semantics, and its reasons and
 * messages (the strings an observer greps for).
 */
export const REASONS = {
  replicaSetUpdated: 'ReplicaSetUpdated',
  newRSAvailable: 'NewReplicaSetAvailable',
  paused: 'RolloutPaused',
  resumed: 'RolloutResumed',
  retry: 'RolloutRetry',
  aborted: 'RolloutAborted',
  timedOut: 'ProgressDeadlineExceeded',
  available: 'AvailableReason',
  healthy: 'RolloutHealthy',
  completed: 'RolloutCompleted',
  invalidSpec: 'InvalidSpec',
} as const;

export const MESSAGES = {
  paused: 'Rollout is paused',
  resumed: 'Rollout is resumed',
  retry: 'Retrying Rollout after abort',
  available: 'Rollout has minimum availability',
  notAvailable: 'Rollout does not have minimum availability',
  healthy: 'Rollout is healthy',
  notHealthy: 'Rollout is not healthy',
  aborted: (revision: number): string => `Rollout aborted update to revision ${revision}`,
  rsProgressing: (rs: string): string => `ReplicaSet "${rs}" is progressing.`,
  rsCompleted: (rs: string): string => `ReplicaSet "${rs}" has successfully progressed.`,
  rsTimedOut: (rs: string): string => `ReplicaSet "${rs}" has timed out progressing.`,
};

/**
 * `SetRolloutCondition`: no change when status and reason are unchanged (times and message kept);
 * otherwise replaced, keeping lastTransitionTime if the status did not flip. True when changed.
 */
export function setCondition(
  status: RolloutStatus,
  type: ConditionType,
  value: RolloutCondition['status'],
  reason: string,
  message: string,
  now: number,
): boolean {
  const current = status.conditions.find((c) => c.type === type);
  if (current && current.status === value && current.reason === reason) return false;
  const transition = current && current.status === value ? current.lastTransitionTime : now;
  const next: RolloutCondition = { type, status: value, reason, message, lastUpdateTime: now, lastTransitionTime: transition };
  status.conditions = [...status.conditions.filter((c) => c.type !== type), next];
  return true;
}

export function removeCondition(status: RolloutStatus, type: ConditionType): void {
  status.conditions = status.conditions.filter((c) => c.type !== type);
}
