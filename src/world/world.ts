import type { Clock } from '../clock/clock.ts';
import type { MetricSource } from '../metrics/metric-source.ts';
import type { Tsdb } from '../metrics/tsdb.ts';
import type { ServiceLogStore } from '../testbed/service-logs.ts';
import type { Workspace } from '../testbed/workspace.ts';
import type { TruthBucket } from './truth.ts';
import type { EventPayload, EventType } from '../timeline/event-catalog.ts';
import type { RolloutControllerHandle } from '../rollout/canary/start-rollout-controller.ts';
import type { RolloutTarget } from '../rollout/canary/rollout-target.ts';
import type { ClusterReads } from '../agents/toolbox/cluster-reads.ts';
import type { KubeAccess } from '../agents/agent.ts';

/** How world helpers put a typed event on the timeline (the world adds time and source). */
export type EmitWorldEvent = <K extends EventType>(type: K, data: EventPayload<K>) => void;

/**
 * A revision is a commit of the run's workspace repo (its full id): v1 the stable release, v2
 * the scenario's deploy, and any commit made during the run (a fix, a revert).
 */
export type Revision = string;

/**
 * A running testbed on one backend. The runner and the rollout controller act on it only
 * through this interface, so the same drill runs on sim, local and kind.
 */
export interface World {
  readonly backend: 'sim' | 'local' | 'kind' | 'cluster';
  readonly clock: Clock;
  /** PromQL over the world's series, as an AnalysisTemplate or an alert rule sees them. */
  readonly metrics: MetricSource;
  /** The world's own TSDB when it keeps one (sim; local without a real Prometheus): recording rules write there. */
  readonly tsdb?: Tsdb;
  readonly workspace: Workspace;
  /** What the services logged (ctx.log), as an operator's log search would show it. */
  readonly logs: ServiceLogStore;
  /** The service whose new revision is being deployed. */
  readonly deployService: string;
  /**
   * Starts a canary of `revision` (any commit of the workspace: the deploy, a fix, v1 again for
   * an undo) next to stable with `weight` percent of traffic. Its code is loaded from that
   * commit's own worktree.
   */
  startCanary(weight: number, revision: Revision): Promise<void>;
  /**
   * Starts the deployed service's pods of `revision` without traffic: true once they are ready;
   * false when its code does not start (the pods crash-loop, reported on the timeline and in the
   * logs, and never get traffic). A deploy strategy asks before it sends traffic.
   */
  prepareRevision(revision: Revision): Promise<boolean>;
  /** The commits the stable and canary slots of the deployed service run now (canary: none when it has none). */
  commits(): { stable: Revision; canary?: Revision };
  setCanaryWeight(weight: number): Promise<void>;
  /** Canary scale in replicas (Argo's setCanaryScale); by default it follows the weight. */
  setCanaryReplicas(replicas: number | 'follow-weight'): Promise<void>;
  /** The canary's revision becomes stable and takes all traffic. */
  promoteCanary(): Promise<void>;
  /** All traffic back to stable; the canary's pods go away after `scaleDownDelayMs`. */
  abortCanary(scaleDownDelayMs: number): Promise<void>;
  /** Advances the world to `t` (virtual time on sim; waits on wall-clock backends); stops early when `signal` aborts. */
  advanceTo(t: number, signal?: AbortSignal): Promise<void>;
  /** Ground truth collected so far (complete buckets only, unless `final`). */
  takeTruth(final?: boolean): TruthBucket[];
  stop(): Promise<void>;
  /** What a wall-clock world ran on, for the scorecard; a sim world needs no such note. */
  readonly info?: WorldInfo;
  /**
   * The world's own L1 controller, when it has one: on the cluster backend the real Argo Rollouts
   * controller decides, and the runner drives it through the same handle as the built-in engine
   * (which it starts only when a world has none).
   */
  startRolloutController?(opts: WorldControllerOptions): WorldControllerHandle;
  /** kubectl-style reads of the run's namespace for the agents' toolbox: only where there is an API server. */
  readCluster?(): ClusterReads;
  /** The kubeconfig (and context) the run drives the cluster with, and its namespace: for agents that run their own Kubernetes client. */
  kubeAccess?(): KubeAccess;
}

/** What the runner gives a world's own L1 controller (the built-in engine gets the same). */
export interface WorldControllerOptions {
  /** The Rollout's name (the deployed service's, as the stack's YAML names it). */
  rollout: string;
  commitOfHash: (podHash: string) => Revision;
  hashOfCommit: (commit: Revision) => string;
  /** The runner's WorldRolloutTarget: the controller's traffic decisions, made on this world. */
  target: RolloutTarget;
  emit: (type: string, data: Record<string, unknown>) => void;
}

export interface WorldControllerHandle extends RolloutControllerHandle {
  /** Resolves once the controller's view is current (status() answers from then on). */
  readonly ready: Promise<void>;
  /** Stops watching; the controller itself (Argo) runs on. */
  stop(): void;
}

/** How a wall-clock run was made: its time scale and what measured it. */
export interface WorldInfo {
  /** Drill ms per real ms; every time in the report is drill time. */
  timeScale: number;
  /** What answered PromQL: `prometheus 2.42.0` (a real server) or `embedded` (the embedded scraper). */
  metrics: string;
  /** What sent the load: the built-in open-model generator or k6. */
  load: string;
}
