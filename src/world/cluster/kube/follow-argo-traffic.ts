import type { RevisionRef, RolloutTarget } from '../../../rollout/canary/rollout-target.ts';
import { readAt, readInt, readString } from '../../../rollout/spec/raw-access.ts';
import { COMMIT_ANNOTATION } from '../manifests/cluster-objects.ts';
import type { WatchChange } from './kube-api.ts';
import type { KubeObject } from './kube-object.ts';
import type { WatchedKind } from './cluster-observer.ts';
import { POD_TEMPLATE_HASH_LABEL, readRevision } from './undo-rollout.ts';

interface Applied {
  stable?: string;
  canary?: string;
  weight: number;
  aborted: boolean;
}

/**
 * Makes the testbed follow what the real Argo controller decided, through the same RolloutTarget
 * calls the built-in engine makes (so the runner's WorldRolloutTarget drives the local backend's
 * processes and routers unchanged): when Argo's pods are kwok's or run elsewhere, the traffic
 * split is what Argo wrote. With trafficRouting, the canary weight in the Rollout's status
 * (`status.canary.weights.canary.weight`, what Argo set on the VirtualService); with a basic canary,
 * the share of available pods (`availableReplicas` of the canary and stable ReplicaSets), as a
 * Service over both would split it. Calls go out in order, one at a time per ReplicaSet and for the router.
 */
export class ArgoTrafficFollower {
  private applied: Applied = { weight: 0, aborted: false };
  private rollout: KubeObject | undefined;
  private readonly replicaSets = new Map<string, KubeObject>();
  /** One queue for the router (weight, promote, abort) and one per ReplicaSet, as the built-in engine never overlaps calls for one of them. */
  private readonly queues = new Map<string, Promise<void>>();
  private lastError: unknown;

  constructor(
    private readonly target: RolloutTarget,
    private readonly rolloutName: string,
    /** The hash the target knows a revision by (default: Argo's pod-template hash). */
    private readonly hashForTarget: (argoHash: string) => string = (h) => h,
  ) {}

  observe(kind: WatchedKind, change: WatchChange): void {
    const obj = change.object;
    if (kind === 'Rollout' && obj.metadata.name === this.rolloutName) {
      if (change.type !== 'DELETED') this.rollout = obj;
    } else if (kind === 'ReplicaSet' && obj.metadata.ownerReferences?.some((r) => r.controller && r.kind === 'Rollout' && r.name === this.rolloutName)) {
      const hash = readString(obj, ['metadata', 'labels', POD_TEMPLATE_HASH_LABEL]);
      if (!hash) return;
      const previous = this.replicaSets.get(hash);
      if (change.type === 'DELETED') this.replicaSets.delete(hash);
      else this.replicaSets.set(hash, obj);
      const to = readInt(obj, ['spec', 'replicas']) ?? 0;
      // The stable ReplicaSet's size is not the testbed's concern (as for the built-in engine); before the Rollout is seen, roles are unknown.
      const stable = readString(this.rollout, ['status', 'stableRS']);
      if (change.type !== 'DELETED' && this.target.scaleReplicaSet && stable !== undefined && hash !== stable && (readInt(previous, ['spec', 'replicas']) ?? 0) !== to) {
        const ref = this.createRef(hash);
        this.enqueue(`rs:${hash}`, () => this.target.scaleReplicaSet!(ref, to));
      }
    } else {
      return;
    }
    this.follow();
  }

  /** The testbed commit a pod-template hash runs (its ReplicaSet's commit annotation). */
  commitOf(hash: string): string | undefined {
    return readString(this.replicaSets.get(hash), ['spec', 'template', 'metadata', 'annotations', COMMIT_ANNOTATION]);
  }

  /** Resolves when every call so far has been made (a scale whose pods never get ready never settles); rejects with the last failed call's error. */
  async settled(): Promise<void> {
    await Promise.all(this.queues.values());
    if (this.lastError) throw this.lastError;
  }

  private follow(): void {
    const r = this.rollout;
    if (!r) return;
    const stable = readString(r, ['status', 'stableRS']);
    const current = readString(r, ['status', 'currentPodHash']);
    const a = this.applied;
    if (!stable) return;
    if (a.stable === undefined) {
      a.stable = stable;
    } else if (stable !== a.stable) {
      const [next, previous] = [this.createRef(stable), this.createRef(a.stable)];
      this.applied = { stable, weight: 0, aborted: false };
      this.enqueue('router', () => this.target.promote(next, previous));
      return;
    }
    const canary = current && current !== stable ? current : undefined;
    if (!canary) return;
    const aborted = readAt(r, ['status', 'abort']) === true;
    const weight = aborted ? 0 : this.computeWeight(r, canary, stable);
    if (aborted && !a.aborted && a.canary === canary && a.weight > 0) {
      this.applied = { ...a, weight: 0, aborted: true };
      const [s, c] = [this.createRef(stable), this.createRef(canary)];
      this.enqueue('router', () => this.target.abortToStable(s, c));
      return;
    }
    if (canary !== a.canary || weight !== a.weight) {
      this.applied = { stable, canary, weight, aborted };
      const [c, s] = [this.createRef(canary), this.createRef(stable)];
      this.enqueue('router', () => this.target.setCanaryWeight(weight, c, s));
    }
  }

  private computeWeight(r: KubeObject, canary: string, stable: string): number {
    if (readAt(r, ['spec', 'strategy', 'canary', 'trafficRouting']) !== undefined) {
      return readInt(r, ['status', 'canary', 'weights', 'canary', 'weight']) ?? 0;
    }
    const available = (hash: string): number => readInt(this.replicaSets.get(hash), ['status', 'availableReplicas']) ?? 0;
    const total = available(canary) + available(stable);
    return total === 0 ? 0 : (100 * available(canary)) / total;
  }

  private createRef(hash: string): RevisionRef {
    const rs = this.replicaSets.get(hash);
    return { podHash: this.hashForTarget(hash), revision: rs ? readRevision(rs) : 0, replicaSet: rs?.metadata.name ?? `${this.rolloutName}-${hash}` };
  }

  private enqueue(queue: string, call: () => void | Promise<void>): void {
    const next = (this.queues.get(queue) ?? Promise.resolve()).then(call).catch((err: unknown) => {
      this.lastError = err;
    });
    this.queues.set(queue, next);
  }
}
