import type { AnalysisPhase } from '../analysis/types.ts';

/**
 * The Rollout status an observer sees (`pkg/apis/rollouts/v1alpha1/types.go:RolloutStatus`), the
 * subset the canary engine maintains, with Argo's field names. Times are clock milliseconds.
 * The same shape is produced from a recorded Argo object (observed/observe-argo-rollout.ts), so the
 * phase logic is shared and checked against what the real controller wrote.
 */
export type RolloutPhase = 'Progressing' | 'Paused' | 'Healthy' | 'Degraded';

export type PauseReason = 'CanaryPauseStep' | 'InconclusiveAnalysisRun' | 'InconclusiveExperiment' | 'BlueGreenPause';

export type ConditionType = 'Progressing' | 'Available' | 'Healthy' | 'Completed' | 'Paused' | 'ReplicaFailure' | 'InvalidSpec';

export interface RolloutCondition {
  type: ConditionType;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastUpdateTime: number;
  lastTransitionTime: number;
}

export interface PauseCondition {
  reason: PauseReason;
  startTime: number;
}

/** `types.go:RolloutAnalysisRunStatus`. `status` is '' before the run's first reconcile. */
export interface RolloutAnalysisRunStatus {
  name: string;
  status: AnalysisPhase | '';
  message: string;
}

export interface RolloutStatus {
  phase: RolloutPhase;
  message: string;
  /** `rollout.argoproj.io/revision` of the current pod template. */
  revision: number;
  currentPodHash: string;
  stableRS: string;
  /** null when the rollout has no steps (Argo leaves it unset). */
  currentStepIndex: number | null;
  pauseConditions: PauseCondition[];
  controllerPause: boolean;
  abort: boolean;
  abortedAt: number | null;
  promoteFull: boolean;
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  canary: {
    /** Canary traffic weight as set on the router (out of maxTrafficWeight, normally 100). */
    weight: number;
    currentStepAnalysisRunStatus: RolloutAnalysisRunStatus | null;
    currentBackgroundAnalysisRunStatus: RolloutAnalysisRunStatus | null;
  };
  conditions: RolloutCondition[];
}

export function findCondition(status: Pick<RolloutStatus, 'conditions'>, type: ConditionType): RolloutCondition | undefined {
  return status.conditions.find((c) => c.type === type);
}

export function isFullyPromoted(status: Pick<RolloutStatus, 'stableRS' | 'currentPodHash'>): boolean {
  return status.stableRS !== '' && status.stableRS === status.currentPodHash;
}

export function cloneStatus(status: RolloutStatus): RolloutStatus {
  return structuredClone(status);
}
