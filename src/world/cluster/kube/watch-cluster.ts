import type { KubeApi, WatchChange, WatchHandle } from './kube-api.ts';
import { RESOURCES } from './kube-object.ts';
import type { WatchedKind } from './cluster-observer.ts';

/** What takes the watch streams: the ClusterObserver (timeline), the ArgoTrafficFollower (the testbed's split). */
export interface WatchConsumer {
  observe(kind: WatchedKind, change: WatchChange): void;
}

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
 * Watches Rollouts, AnalysisRuns and ReplicaSets of a namespace into each consumer, in order. A
 * watch the server ends is re-opened: the server sends every object again as ADDED and the
 * observer, comparing with its last snapshot, reports only what changed meanwhile (the follower
 * likewise).
 */
export function watchCluster(api: KubeApi, namespace: string, consumers: WatchConsumer | WatchConsumer[]): ClusterWatch {
  const all = Array.isArray(consumers) ? consumers : [consumers];
  const handles = new Map<WatchedKind, WatchHandle>();
  let stopped = false;
  let error: unknown;
  // Re-opened until stopped, also when the server is away for a while (each try after the delay).
  const reopen = (kind: WatchedKind): void => {
    if (stopped) return;
    setTimeout(() => void open(kind).catch((e: unknown) => {
      error = e;
      reopen(kind);
    }), REOPEN_DELAY_MS).unref();
  };
  const open = async (kind: WatchedKind): Promise<void> => {
    const handle = await api.watch(RESOURCES[kind], namespace, (change) => { for (const c of all) c.observe(kind, change); }, (err) => {
      if (err) error = err;
      reopen(kind);
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
