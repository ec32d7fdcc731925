import type { RevisionRef, RolloutTarget } from '../rollout/index.ts';
import type { Revision, World } from '../world/world.ts';

/**
 * The world as Argo's controller sees it: ReplicaSets and a traffic router. A pod-template hash
 * is the short id of the workspace commit it runs, so a ReplicaSet name says which code it runs
 * and any commit (the deploy, a fix, v1 again) maps back to its revision. With trafficRouting,
 * the stable ReplicaSet stays at full size during a canary; only the canary's scale is the
 * world's concern.
 */
export class WorldRolloutTarget implements RolloutTarget {
  /** The revision the world's canary slot runs (it has code and may have traffic). */
  private canaryRunning: string | undefined;
  /** The newest canary ReplicaSet the controller scaled: the one the slot's size belongs to. */
  private canaryScaled: string | undefined;
  private stableHash: string;
  /** Whether each canary revision's pods became ready (asked once per revision). */
  private readonly ready = new Map<string, Promise<boolean>>();

  constructor(
    private readonly world: World,
    /** The commit behind a pod-template hash (every revision the runner deploys is registered). */
    private readonly commitOfHash: (hash: string) => Revision,
    initialStableHash: string,
  ) {
    this.stableHash = initialStableHash;
  }

  async setCanaryWeight(weightPercent: number, canary: RevisionRef): Promise<void> {
    if (this.canaryRunning !== canary.podHash) {
      // No ready pod, nothing to route to (the controller keeps such a canary's weight at 0).
      if (!(await this.isReady(canary.podHash))) return;
      this.canaryRunning = canary.podHash;
      this.canaryScaled = canary.podHash;
      await this.world.startCanary(weightPercent, this.commitOfHash(canary.podHash));
      return;
    }
    await this.world.setCanaryWeight(weightPercent);
  }

  async scaleReplicaSet(revision: RevisionRef, replicas: number): Promise<void> {
    // Anything but the stable ReplicaSet is the canary (it may be scaled before it gets traffic).
    // The world has one canary slot: once a newer revision took it, the older canary's delayed
    // scale-down (after an abort) is about pods that are already gone.
    if (revision.podHash === this.stableHash) return;
    if (revision.podHash !== this.canaryScaled) {
      if (replicas === 0 && this.canaryScaled !== undefined) return;
      this.canaryScaled = revision.podHash;
    }
    if (replicas > 0 && !(await this.isReady(revision.podHash))) {
      // Pods that never become ready never make the ReplicaSet available: the call stays in
      // flight, the step cannot complete, and the progress deadline decides (Argo's behaviour).
      return new Promise<void>(() => {});
    }
    await this.world.setCanaryReplicas(replicas);
  }

  private isReady(podHash: string): Promise<boolean> {
    let ready = this.ready.get(podHash);
    if (!ready) {
      ready = this.world.prepareRevision(this.commitOfHash(podHash));
      this.ready.set(podHash, ready);
    }
    return ready;
  }

  async promote(newStable: RevisionRef): Promise<void> {
    this.stableHash = newStable.podHash;
    this.canaryRunning = undefined;
    await this.world.promoteCanary();
  }

  async abortToStable(): Promise<void> {
    await this.world.setCanaryWeight(0);
  }
}
