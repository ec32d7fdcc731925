import type { RevisionRef, RolloutTarget } from '../rollout/index.ts';
import type { Revision, World } from '../world/world.ts';

/**
 * The world as Argo's controller sees it: ReplicaSets and a traffic router. Pod-template hashes
 * are the testbed commits' short ids, so a ReplicaSet name says which code it runs. With
 * trafficRouting, the stable ReplicaSet stays at full size during a canary; only the canary's
 * scale is the world's concern.
 */
export class WorldRolloutTarget implements RolloutTarget {
  private canaryRunning: string | undefined;
  private stableHash: string;

  constructor(
    private readonly world: World,
    private readonly hashes: Record<Revision, string>,
  ) {
    this.stableHash = hashes.v1;
  }

  async setCanaryWeight(weightPercent: number, canary: RevisionRef): Promise<void> {
    if (this.canaryRunning !== canary.podHash) {
      this.canaryRunning = canary.podHash;
      await this.world.startCanary(weightPercent, this.revisionOf(canary));
      return;
    }
    await this.world.setCanaryWeight(weightPercent);
  }

  async scaleReplicaSet(revision: RevisionRef, replicas: number): Promise<void> {
    // Anything but the stable ReplicaSet is the canary (it may be scaled before it gets traffic).
    if (revision.podHash !== this.stableHash) await this.world.setCanaryReplicas(replicas);
  }

  async promote(newStable: RevisionRef): Promise<void> {
    this.stableHash = newStable.podHash;
    this.canaryRunning = undefined;
    await this.world.promoteCanary();
  }

  async abortToStable(): Promise<void> {
    await this.world.setCanaryWeight(0);
  }

  private revisionOf(ref: RevisionRef): Revision {
    return ref.podHash === this.hashes.v1 ? 'v1' : 'v2';
  }
}
