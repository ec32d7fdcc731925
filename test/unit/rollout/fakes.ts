import type { Clock } from '../../../src/clock/clock.ts';
import type { AnalysisPhase } from '../../../src/rollout/analysis/types.ts';
import type {
  AnalysisRunHandleLike, AnalysisRunner, AnalysisRunRequest, AnalysisRunView,
} from '../../../src/rollout/canary/analysis-runner.ts';
import type { RevisionRef, RolloutTarget } from '../../../src/rollout/canary/rollout-target.ts';

/** One scripted phase change, `afterMs` after the run starts. */
export interface ScriptedPhase {
  afterMs: number;
  phase: AnalysisPhase;
  message?: string;
}

/**
 * A scripted stand-in for the analysis engine: each run follows the script chosen by its
 * request (type, step index, name). It goes Running at once (its first reconcile), then through
 * the scripted phases; terminate() makes it Successful, as Argo's termination does.
 */
export function createScriptedRunner(
  clock: Clock,
  pick: (req: AnalysisRunRequest) => ScriptedPhase[],
): AnalysisRunner & { requests: AnalysisRunRequest[]; handles: AnalysisRunHandleLike[] } {
  const requests: AnalysisRunRequest[] = [];
  const handles: AnalysisRunHandleLike[] = [];
  return {
    requests,
    handles,
    start(req) {
      requests.push(req);
      const listeners = new Set<(s: AnalysisRunView) => void>();
      const status: AnalysisRunView = { phase: 'Pending' };
      const cancels: (() => void)[] = [];
      const set = (phase: AnalysisPhase, message?: string): void => {
        if (status.phase === phase && status.message === message) return;
        status.phase = phase;
        status.message = message;
        for (const l of [...listeners]) l({ ...status });
      };
      const completed = (): boolean => ['Successful', 'Failed', 'Error', 'Inconclusive'].includes(status.phase);
      const start = clock.now();
      cancels.push(clock.schedule(start, () => {
        status.startedAt = start;
        set('Running');
      }));
      for (const step of pick(req)) {
        cancels.push(clock.schedule(start + step.afterMs, () => {
          if (!completed()) set(step.phase, step.message);
        }));
      }
      const handle: AnalysisRunHandleLike = {
        name: req.name,
        get status() {
          return { ...status };
        },
        onChange(cb) {
          listeners.add(cb);
          return () => void listeners.delete(cb);
        },
        terminate() {
          for (const c of cancels) c();
          if (!completed()) set('Successful', 'Run Terminated');
        },
        stop() {
          for (const c of cancels) c();
        },
      };
      handles.push(handle);
      return handle;
    },
  };
}

export interface TargetCall {
  t: number;
  op: string;
  args: (string | number)[];
}

/**
 * A world stand-in that records every call. `podsReadyAfterMs` makes scale-ups resolve later
 * (pods starting); `neverReady` hashes never become available (a crash-looping canary).
 */
export function createRecordingTarget(
  clock: Clock,
  opts: { podsReadyAfterMs?: number; neverReady?: string[] } = {},
): RolloutTarget & { calls: TargetCall[] } {
  const calls: TargetCall[] = [];
  const rec = (op: string, ...args: (string | number)[]): void => void calls.push({ t: clock.now(), op, args });
  const ref = (r: RevisionRef): string => r.podHash;
  return {
    calls,
    setCanaryWeight(w, canary, stable) {
      rec('setCanaryWeight', w, ref(canary), ref(stable));
    },
    scaleReplicaSet(rs, replicas) {
      rec('scaleReplicaSet', ref(rs), replicas);
      if (opts.neverReady?.includes(rs.podHash) && replicas > 0) return new Promise<void>(() => {});
      if (opts.podsReadyAfterMs && replicas > 0) return clock.sleep(opts.podsReadyAfterMs);
      return undefined;
    },
    promote(newStable, previous) {
      rec('promote', ref(newStable), ref(previous));
    },
    abortToStable(stable, canary) {
      rec('abortToStable', ref(stable), ref(canary));
    },
  };
}
