import type { Clock } from '../../clock/clock.ts';
import type { MetricSource } from '../../metrics/metric-source.ts';
import type { AnalysisTemplateLike } from '../analysis/types.ts';
import type { RolloutObject } from '../spec/rollout-types.ts';
import type { AnalysisRunner } from './analysis-runner.ts';
import { computeNextWakeup } from './controller-wakeups.ts';
import type { FieldRefResolver } from './controller-state.ts';
import { createControllerState, snapshotControllerState } from './create-controller-state.ts';
import { persistStatus } from './persist-status.ts';
import { setCondition } from './rollout-conditions.ts';
import { reconcileRollout } from './reconcile-rollout.ts';
import { applyAbort, applyPromote, applyRetry } from './rollout-commands.ts';
import { compactPayload, type EmitFn } from './rollout-events.ts';
import { cloneStatus, isFullyPromoted, type RolloutStatus } from './rollout-status.ts';
import type { RolloutTarget } from './rollout-target.ts';
import { terminateRun } from './analysis-reconciler.ts';

export interface StartRolloutControllerOptions {
  rollout: RolloutObject;
  /** AnalysisTemplates the rollout may reference (by name). */
  templates?: readonly AnalysisTemplateLike[];
  /** ClusterAnalysisTemplates (`clusterScope: true`). */
  clusterTemplates?: readonly AnalysisTemplateLike[];
  clock: Clock;
  /** What the analysis runs' prometheus provider queries. */
  metrics: MetricSource;
  target: RolloutTarget;
  emit: EmitFn;
  /** `valueFrom.fieldRef` from the simulated world; undefined falls back to the rollout object. */
  resolveFieldRef?: FieldRefResolver;
  /** Pod-template hash of the revision running at start (fully promoted, stable). Default "initial". */
  initialPodHash?: string;
  /** Replaces the analysis engine (tests use a scripted fake). */
  analysisRunner?: AnalysisRunner;
}

export interface RolloutControllerHandle {
  readonly name: string;
  /** A copy of the current status. */
  status(): RolloutStatus;
  /** A new pod template (new revision) with this hash; the hash of the stable revision rolls back. */
  update(podHash: string): void;
  /** `kubectl argo rollouts promote [--full]`. */
  promote(opts?: { full?: boolean }): void;
  /** `kubectl argo rollouts abort`. */
  abort(): void;
  /** `kubectl argo rollouts retry rollout`. */
  retry(): void;
  /** `spec.paused` (`kubectl argo rollouts pause` / resume). */
  setPaused(paused: boolean): void;
  /**
   * `kubectl apply` of the AnalysisTemplates (a fix that changed them): the next AnalysisRun the
   * rollout creates reads these; runs already started keep the spec they were built with.
   */
  applyTemplates(templates: readonly AnalysisTemplateLike[], clusterTemplates?: readonly AnalysisTemplateLike[]): void;
  /** Called after every reconcile that changed the status. */
  onChange(cb: (status: RolloutStatus) => void): () => void;
  /**
   * Resolves with the status once the latest update has settled: Healthy and fully promoted, or
   * Degraded (aborted, InvalidSpec, or past the progress deadline). Rejects when stopped first.
   */
  waitForSettled(signal?: AbortSignal): Promise<RolloutStatus>;
  /** Cancels timers and running analysis; nothing happens afterwards. */
  stop(): void;
}

const MAX_PASSES_PER_INSTANT = 200;

/**
 * An Argo Rollouts-compatible canary controller for one Rollout, on any Clock (virtual or wall).
 * It starts with `initialPodHash` fully promoted (Healthy), like a rollout after its first deploy.
 */
export function startRolloutController(opts: StartRolloutControllerOptions): RolloutControllerHandle {
  const s = createControllerState(opts);
  const listeners = new Set<(st: RolloutStatus) => void>();
  const stopWaiters = new Set<() => void>();
  let scheduled = false;
  let cancelWakeup: (() => void) | undefined;
  let lastSnapshot = JSON.stringify(s.status);

  const runLoop = (): void => {
    scheduled = false;
    if (s.stopped) return;
    for (let pass = 0; pass < MAX_PASSES_PER_INSTANT; pass++) {
      const before = snapshotControllerState(s);
      reconcileRollout(s);
      if (snapshotControllerState(s) === before) break;
    }
    const snapshot = JSON.stringify(s.status);
    if (snapshot !== lastSnapshot) {
      lastSnapshot = snapshot;
      for (const l of [...listeners]) l(cloneStatus(s.status));
    }
    scheduleWakeup();
  };
  const scheduleWakeup = (): void => {
    cancelWakeup?.();
    cancelWakeup = undefined;
    const at = computeNextWakeup(s);
    if (at !== undefined) cancelWakeup = s.clock.schedule(at, runLoop);
  };
  s.requestReconcile = (): void => {
    if (s.stopped || scheduled) return;
    scheduled = true;
    s.clock.schedule(s.clock.now(), runLoop);
  };
  const command = (name: string, apply: () => void): void => {
    if (s.stopped) return;
    s.emit('rollout.command', compactPayload([['rollout', s.rollout.name], ['command', name]]));
    apply();
    s.requestReconcile();
  };
  let expectedRevision = s.status.revision;

  // The initial status (conditions, phase) of a freshly deployed rollout, announced as one event.
  const emit = s.emit;
  s.emit = () => {};
  if (s.invalidSpec !== null) setCondition(s.status, 'InvalidSpec', 'True', 'InvalidSpec', s.invalidSpec, s.clock.now());
  persistStatus(s, cloneStatus(s.status));
  s.emit = emit;
  emit('rollout.phase', compactPayload([['rollout', s.rollout.name], ['phase', s.status.phase], ['previous', null], ['message', s.status.message]]));
  lastSnapshot = JSON.stringify(s.status);
  s.requestReconcile();

  return {
    name: s.rollout.name,
    status: () => cloneStatus(s.status),
    update(podHash) {
      if (s.stopped) return;
      s.pendingUpdate = podHash;
      expectedRevision = s.status.revision + 1;
      s.requestReconcile();
    },
    promote: (o = {}) => command(o.full ? 'promote-full' : 'promote', () => applyPromote(s, o.full ?? false)),
    abort: () => command('abort', () => applyAbort(s)),
    retry: () => command('retry', () => applyRetry(s)),
    setPaused: (paused) => command(paused ? 'pause' : 'resume', () => void (s.specPaused = paused)),
    applyTemplates(templates, clusterTemplates = []) {
      s.catalog = { analysisTemplates: [...templates], clusterAnalysisTemplates: [...clusterTemplates] };
    },
    onChange(cb) {
      listeners.add(cb);
      return () => void listeners.delete(cb);
    },
    waitForSettled(signal) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const st = s.status;
          // An InvalidSpec rollout never takes the update: it is settled (Degraded) as it is.
          const invalid = s.invalidSpec !== null;
          if (!invalid && (s.pendingUpdate !== null || st.revision !== expectedRevision)) return false;
          const settled = st.phase === 'Degraded' || (st.phase === 'Healthy' && isFullyPromoted(st));
          if (settled) finish(() => resolve(cloneStatus(st)));
          return settled;
        };
        const onAbort = (): void => finish(() => reject(signal?.reason ?? new Error('aborted')));
        const finish = (fn: () => void): void => {
          listeners.delete(listener);
          stopWaiters.delete(onStop);
          signal?.removeEventListener('abort', onAbort);
          fn();
        };
        const listener = (): void => void check();
        const onStop = (): void => finish(() => reject(new Error(`rollout controller "${s.rollout.name}" stopped`)));
        if (signal?.aborted) return onAbort();
        if (check()) return;
        listeners.add(listener);
        stopWaiters.add(onStop);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    stop() {
      if (s.stopped) return;
      s.stopped = true;
      cancelWakeup?.();
      for (const slot of s.runs.all) {
        slot.unsubscribe();
        if (slot.handle.stop) slot.handle.stop();
        else terminateRun(s, slot);
      }
      for (const w of [...stopWaiters]) w();
    },
  };
}
