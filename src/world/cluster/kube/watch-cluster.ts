import type { KubeApi, WatchHandle } from './kube-api.ts';
import { RESOURCES } from './kube-object.ts';
import type { ClusterObserver, WatchedKind } from './cluster-observer.ts';

const WATCHED: WatchedKind[] = ['Rollout', 'AnalysisRun', 'ReplicaSet'];
/** Pause before re-opening a watch the server closed (API servers end watches after minutes). */
const REOPEN_DELAY_MS = 500;

export interface ClusterWatch {
  /** Resolves once every watch is open. */
  ready: Promise<void>;
  /** The last error that ended a watch, if any (the watch is re-opened). */
  lastError(): unknown;
  stop(): void;
}

/**
 * Watches Rollouts, AnalysisRuns and ReplicaSets of a namespace into `observer`. A watch the server
 * ends is re-opened: the server sends every object again as ADDED and the observer, comparing with
 * its last snapshot, reports only what changed meanwhile.
 */
export function watchCluster(api: KubeApi, namespace: string, observer: ClusterObserver): ClusterWatch {
  const handles = new Map<WatchedKind, WatchHandle>();
  let stopped = false;
  let error: unknown;
  const open = async (kind: WatchedKind): Promise<void> => {
    const handle = await api.watch(RESOURCES[kind], namespace, (change) => observer.observe(kind, change), (err) => {
      if (err) error = err;
      if (stopped) return;
      setTimeout(() => void open(kind).catch((e: unknown) => { error = e; }), REOPEN_DELAY_MS).unref();
    });
    if (stopped) handle.stop();
    else handles.set(kind, handle);
  };
  const ready = Promise.all(WATCHED.map(open)).then(() => undefined);
  return {
    ready,
    lastError: () => error,
    stop: () => {
      stopped = true;
      for (const h of handles.values()) h.stop();
    },
  };
}
