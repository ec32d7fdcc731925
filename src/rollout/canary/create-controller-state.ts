import { formatPath } from '../../config/yaml-source.ts';
import { checkRolloutReferences } from '../manifests/rollout-references.ts';
import { getReplicas } from '../spec/rollout-defaults.ts';
import { createPauseContext, makeRevisionRef, type ControllerState } from './controller-state.ts';
import { createAnalysisRunner } from './default-analysis-runner.ts';
import type { StartRolloutControllerOptions } from './start-rollout-controller.ts';

/**
 * The state of a rollout right after its first deploy: `initialPodHash` is stable and current,
 * all pods available, no steps left (Argo skips the steps on the initial deploy). Reference
 * problems found now become the InvalidSpec condition (`rollout/controller.go:
 * getRolloutValidationErrors`, first error only, in Argo's "The Rollout ... is invalid" form).
 */
export function createControllerState(opts: StartRolloutControllerOptions): ControllerState {
  const rollout = opts.rollout;
  const hash = opts.initialPodHash ?? 'initial';
  const replicas = getReplicas(rollout);
  const stepCount = rollout.spec.strategy.canary.steps.length;
  const catalog = { analysisTemplates: opts.templates ?? [], clusterAnalysisTemplates: opts.clusterTemplates ?? [] };
  const invalid = checkRolloutReferences(rollout, catalog, { requireAll: true })[0];
  const ref = makeRevisionRef(rollout.name, hash, 1);
  return {
    rollout,
    catalog,
    clock: opts.clock,
    target: opts.target,
    runner: opts.analysisRunner ?? createAnalysisRunner({ clock: opts.clock, metrics: opts.metrics, emit: opts.emit }),
    emit: opts.emit,
    resolveFieldRef: opts.resolveFieldRef,
    specPaused: rollout.spec.paused ?? false,
    status: {
      phase: 'Healthy', message: '', revision: 1, currentPodHash: hash, stableRS: hash,
      currentStepIndex: stepCount > 0 ? stepCount : null, pauseConditions: [], controllerPause: false,
      abort: false, abortedAt: null, promoteFull: false,
      replicas, updatedReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas,
      canary: { weight: 0, currentStepAnalysisRunStatus: null, currentBackgroundAnalysisRunStatus: null },
      conditions: [],
    },
    replicaSets: new Map([[hash, { ref, replicas, available: replicas, scaleDownAt: null, inFlight: false, retryAt: null }]]),
    pendingUpdate: null,
    runs: { step: null, background: null, all: [] },
    runNames: new Set(),
    router: { applied: { canaryHash: hash, stableHash: hash, weight: 0 }, inFlight: false, retryAt: null },
    invalidSpec: invalid ? `The Rollout "${rollout.name}" is invalid: ${formatPath(invalid.path)}: ${invalid.message}` : null,
    runRetryAt: null,
    lastRunError: null,
    previousStableHash: null,
    stopped: false,
    pause: createPauseContext(),
    requestReconcile: () => {},
  };
}

/** Everything a reconcile can change; equal snapshots mean the instant has settled. */
export function snapshotControllerState(s: ControllerState): string {
  const rs = [...s.replicaSets.values()].map((r) => [r.ref.podHash, r.replicas, r.available, r.scaleDownAt, r.inFlight]);
  const runs = [s.runs.step?.handle.name, s.runs.background?.handle.name, s.runs.all.length];
  return JSON.stringify([s.status, rs, s.router, runs, s.pendingUpdate]);
}
