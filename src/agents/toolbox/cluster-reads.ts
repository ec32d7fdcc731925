import type { RolloutView } from './incident-view.ts';

/** The kinds the cluster tools read, as kubectl names them (Secrets are never read). */
export const CLUSTER_KINDS = ['Rollout', 'AnalysisRun', 'AnalysisTemplate', 'ReplicaSet', 'Pod', 'Service', 'Event'] as const;
export type ClusterKind = (typeof CLUSTER_KINDS)[number];

/** One Kubernetes Event, as `kubectl get events` lists it. */
export interface ClusterEvent {
  type: string;
  reason: string;
  /** `Rollout/checkout`. */
  object: string;
  message: string;
  count: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  from?: string;
}

/** What `kubectl argo rollouts get rollout NAME` shows, as data. */
export interface RolloutTree {
  name: string;
  namespace: string;
  status: string;
  message?: string;
  strategy: string;
  step?: string;
  setWeight?: number;
  actualWeight?: number;
  images: string[];
  replicas: { desired?: number; current?: number; updated?: number; ready?: number; available?: number };
  revisions: RolloutRevision[];
}

export interface RolloutRevision {
  revision: string;
  replicaSets: { name: string; hash: string; roles: string[]; status: string; replicas: number; ready: number; pods: { name: string; status: string; ready: string }[] }[];
  analysisRuns: { name: string; status: string; successful: number; failed: number; error: number; inconclusive: number }[];
}

/** Log lines of a testbed process, with what they are (on the cluster backend pods run nothing; the processes are the local backend's). */
export interface ClusterLogs {
  source: string;
  service: string;
  /** Absent: both versions' lines. */
  version?: 'stable' | 'canary';
  pod?: string;
}

/**
 * Reads of the run's namespace on the cluster backend (world/cluster/kube implements it over the
 * API server). Objects come back as the server sent them; the tools redact and cap them.
 */
export interface ClusterReads {
  readonly namespace: string;
  /** Objects of one kind in the run's namespace, or the one named; [] when there are none. */
  get(kind: ClusterKind, name?: string): Promise<Record<string, unknown>[]>;
  /** Events of the namespace, oldest first; only those about `kind`/`name` when given. */
  events(about?: { kind?: ClusterKind; name?: string }): Promise<ClusterEvent[]>;
  /** undefined when the Rollout does not exist. */
  rolloutTree(name?: string): Promise<RolloutTree | undefined>;
  /** The Rollout and the AnalysisRuns the real controller created for it. */
  rolloutView(): Promise<RolloutView | undefined>;
  /** Which process's logs a pod (or a service's version) stands for; undefined for an unknown pod. */
  logsOf(query: { pod?: string; service?: string; version?: 'stable' | 'canary' }): Promise<ClusterLogs | undefined>;
}
