import type { AnalysisPhase, AnalysisTemplateLike, DryRun, MeasurementRetention } from '../analysis/types.ts';

/**
 * The narrow view of the analysis engine the canary controller needs (SEAM(analysis): the default
 * implementation wraps `buildAnalysisRunSpec` + `startAnalysisRun` of src/rollout/analysis; tests
 * use a scripted fake). The controller reacts to the run **phase** only (SEMANTICS §6.5).
 */
export interface AnalysisRunView {
  phase: AnalysisPhase;
  message?: string;
  /** Set by the run's first reconcile; before it the phase is not yet observable (Argo: ""). */
  startedAt?: number;
}

export interface AnalysisRunHandleLike {
  readonly name: string;
  readonly status: AnalysisRunView;
  /** Called after every status change. Returns an unsubscribe function. */
  onChange(cb: (status: AnalysisRunView) => void): () => void;
  /** `spec.terminate = true` (the rollout cancels the run, §8.1). */
  terminate(): void;
  /** Drop timers without completing (controller teardown). */
  stop?(): void;
}

export interface AnalysisRunRequest {
  /** `<rollout>-<podHash>-<revision>[-<stepIndex>]` (+ `.N` on a name collision). */
  name: string;
  /** Referenced templates, nested references expanded, de-duplicated. */
  templates: AnalysisTemplateLike[];
  /** Rollout-side args, every `valueFrom` already resolved to a value. */
  args: { name: string; value: string }[];
  dryRun: DryRun[];
  measurementRetention: MeasurementRetention[];
  /** Labels Argo puts on the run: `rollout-type` (Step|Background), `step-index`, `rollouts-pod-template-hash`. */
  labels: Record<string, string>;
}

export interface AnalysisRunner {
  /** Creates and starts a run. Throws when the run cannot be created (e.g. "args.x was not resolved"). */
  start(request: AnalysisRunRequest): AnalysisRunHandleLike;
}
