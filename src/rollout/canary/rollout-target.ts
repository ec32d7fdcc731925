/**
 * What the canary controller drives: the world's ReplicaSets and traffic router. The simulated
 * world (and the local backend) implement it; on `kind` the real Argo controller does this work.
 *
 * Every method may return a Promise. The controller waits for it before it counts the change as
 * done, exactly as Argo waits for ReplicaSets to be available (`AtDesiredReplicaCountsForCanary`)
 * and for weights to be verified; a Promise that never settles stalls the step and, unless the
 * rollout is at a pause or analysis step, trips the progress deadline (§6.8). A rejected Promise
 * (or a throw) is reported as a `rollout.target.failed` event and the call is retried 10 s later.
 * Calls for the same ReplicaSet never overlap: a newer desired value waits for the older call.
 */
export interface RevisionRef {
  /** The pod-template hash the caller gave for this revision (the world's identifier). */
  podHash: string;
  /** `rollout.argoproj.io/revision`: 1 for the initial deploy, +1 per update. */
  revision: number;
  /** `<rollout>-<podHash>`, the ReplicaSet name Argo would use. */
  replicaSet: string;
}

export interface RolloutTarget {
  /**
   * Route `weightPercent` (0-100, may be fractional for a basic canary) of requests to `canary`,
   * the rest to `stable`. With trafficRouting this is the router weight (setWeight scaled to 100
   * when maxTrafficWeight is set); without it, the share the pod split gives.
   */
  setCanaryWeight(weightPercent: number, canary: RevisionRef, stable: RevisionRef): void | Promise<void>;
  /** Run `replicas` pods of `revision`; resolve once they are available. 0 scales it down. */
  scaleReplicaSet?(revision: RevisionRef, replicas: number): void | Promise<void>;
  /** The canary is now stable: all traffic goes to it (the canary weight is 0 from now on). */
  promote(newStable: RevisionRef, previousStable: RevisionRef): void | Promise<void>;
  /** Abort: all traffic back to `stable` now. The canary pods stay until scaled down (abortScaleDownDelaySeconds). */
  abortToStable(stable: RevisionRef, canary: RevisionRef): void | Promise<void>;
}
