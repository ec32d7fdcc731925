import type { AnalysisTemplateRef, DryRun, MeasurementRetention } from '../analysis/types.ts';
import type { IntOrPercent } from './int-or-percent.ts';

/**
 * A parsed `argoproj.io/v1alpha1` Rollout with the canary strategy, shaped like
 * `pkg/apis/rollouts/v1alpha1/types.go` (field names as in the YAML). Only what the canary
 * engine acts on is typed; defaults are applied by `rollout-defaults.ts`, not here, so the object
 * still says what the user wrote.
 */
export interface RolloutObject {
  kind: 'Rollout';
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: RolloutSpec;
  /** The document as written (plain JSON), for `fieldRef` paths such as `spec.template.metadata.labels.version`. */
  raw: Record<string, unknown>;
}

export interface RolloutSpec {
  replicas?: number;
  paused?: boolean;
  progressDeadlineSeconds?: number;
  progressDeadlineAbort?: boolean;
  minReadySeconds?: number;
  /** Labels of the pod template (`spec.template.metadata.labels`), or {} with a workloadRef. */
  templateLabels: Record<string, string>;
  selectorLabels: Record<string, string>;
  workloadRef?: { apiVersion: string; kind: string; name: string };
  strategy: { canary: CanaryStrategy };
}

export interface CanaryStrategy {
  steps: CanaryStep[];
  analysis?: BackgroundAnalysis;
  canaryService?: string;
  stableService?: string;
  trafficRouting?: TrafficRouting;
  maxSurge?: IntOrPercent;
  maxUnavailable?: IntOrPercent;
  scaleDownDelaySeconds?: number;
  abortScaleDownDelaySeconds?: number;
  minPodsPerReplicaSet?: number;
  pingPong?: { pingService: string; pongService: string };
}

/**
 * Traffic routing is simulated as exact weighted routing, whatever the provider: the provider
 * names are kept for reports, their settings configure a mesh the drill replaces.
 */
export interface TrafficRouting {
  providers: string[];
  maxTrafficWeight?: number;
}

export type CanaryStep =
  | { type: 'setWeight'; setWeight: number }
  | { type: 'pause'; pause: { duration?: number | string } }
  | { type: 'analysis'; analysis: RolloutAnalysis }
  | { type: 'setCanaryScale'; setCanaryScale: SetCanaryScale };

export interface SetCanaryScale {
  weight?: number;
  replicas?: number;
  matchTrafficWeight?: boolean;
}

/** `types.go:RolloutAnalysis` (inline step) — also the base of background analysis. */
export interface RolloutAnalysis {
  templates: AnalysisTemplateRef[];
  args: AnalysisRunArgument[];
  dryRun: DryRun[];
  measurementRetention: MeasurementRetention[];
}

/** `types.go:RolloutAnalysisBackground`. */
export interface BackgroundAnalysis extends RolloutAnalysis {
  startingStep?: number;
}

/** `types.go:AnalysisRunArgument`: rollout-side args (no secretKeyRef here). */
export interface AnalysisRunArgument {
  name: string;
  value?: string;
  valueFrom?: {
    podTemplateHashValue?: 'Stable' | 'Latest';
    fieldRef?: { fieldPath: string };
  };
}
