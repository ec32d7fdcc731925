import { isFullyPromoted, type RolloutPhase, type RolloutStatus } from './rollout-status.ts';

/**
 * `utils/rollout/rolloututil.go:CalculateRolloutPhase` for the canary strategy: the first rule
 * that matches wins (SEMANTICS §7.1). Inputs are what the rule reads from the spec.
 */
export interface PhaseSpec {
  paused: boolean;
  replicas: number;
  trafficRouting: boolean;
}

export function calculateRolloutPhase(spec: PhaseSpec, status: RolloutStatus): { phase: RolloutPhase; message: string } {
  for (const cond of status.conditions) {
    if (cond.type === 'InvalidSpec') return { phase: 'Degraded', message: `InvalidSpec: ${cond.message}` };
    if (cond.reason === 'RolloutAborted' || cond.reason === 'ProgressDeadlineExceeded') {
      return { phase: 'Degraded', message: `${cond.reason}: ${cond.message}` };
    }
  }
  if (spec.paused) return { phase: 'Paused', message: 'manually paused' };
  if (status.pauseConditions.length > 0) return { phase: 'Paused', message: status.pauseConditions[0].reason };
  if (status.updatedReplicas < spec.replicas) return { phase: 'Progressing', message: 'more replicas need to be updated' };
  if (status.availableReplicas < status.updatedReplicas) {
    return { phase: 'Progressing', message: 'updated replicas are still becoming available' };
  }
  // Only basic canary: with traffic routing the old stack stays up for scaleDownDelaySeconds.
  if (!spec.trafficRouting && status.replicas > status.updatedReplicas) {
    return { phase: 'Progressing', message: 'old replicas are pending termination' };
  }
  if (status.stableRS === '' || !isFullyPromoted(status)) return { phase: 'Progressing', message: 'waiting for all steps to complete' };
  return { phase: 'Healthy', message: '' };
}
