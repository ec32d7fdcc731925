import { describe, expect, it } from 'vitest';
import type { RevisionRef, RolloutTarget } from '../../../../src/rollout/canary/rollout-target.ts';
import { ArgoTrafficFollower } from '../../../../src/world/cluster/kube/follow-argo-traffic.ts';
import type { KubeObject } from '../../../../src/world/cluster/kube/kube-object.ts';

/** The RolloutTarget calls a sequence of Argo-written objects turns into (the calls the built-in engine would make). */
function recordingTarget(): RolloutTarget & { calls: string[] } {
  const calls: string[] = [];
  const ref = (r: RevisionRef) => `${r.podHash}#${r.revision}`;
  return {
    calls,
    setCanaryWeight: (w, c, s) => void calls.push(`weight ${w} canary ${ref(c)} stable ${ref(s)}`),
    scaleReplicaSet: (r, n) => void calls.push(`scale ${ref(r)} ${n}`),
    promote: (n, p) => void calls.push(`promote ${ref(n)} (was ${ref(p)})`),
    abortToStable: (s, c) => void calls.push(`abort to ${ref(s)} from ${ref(c)}`),
  };
}

const owner = [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'checkout', controller: true }];
const rs = (hash: string, revision: number, commit: string, replicas: number, available = replicas): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'ReplicaSet',
  metadata: { name: `checkout-${hash}`, labels: { 'rollouts-pod-template-hash': hash }, annotations: { 'rollout.argoproj.io/revision': String(revision) }, ownerReferences: owner },
  spec: { replicas, template: { metadata: { annotations: { 'firedrill.dev/commit': commit } } } }, status: { availableReplicas: available },
});
const rollout = (routed: boolean, status: Record<string, unknown>): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'checkout' },
  spec: { strategy: { canary: routed ? { trafficRouting: { istio: {} } } : {} } }, status,
});
const weights = (w: number) => ({ canary: { weights: { canary: { weight: w }, stable: { weight: 100 - w } } } });

describe('ArgoTrafficFollower: what Argo decided -> the testbed\'s traffic split', () => {
  it('with trafficRouting: the weight Argo wrote, then an abort back to stable', async () => {
    const target = recordingTarget();
    const f = new ArgoTrafficFollower(target, 'checkout');
    const feed = (kind: 'Rollout' | 'ReplicaSet', object: KubeObject) => f.observe(kind, { type: 'MODIFIED', object });
    feed('ReplicaSet', rs('h1', 1, 'v1', 3));
    feed('Rollout', rollout(true, { stableRS: 'h1', currentPodHash: 'h1' }));
    feed('ReplicaSet', rs('h2', 2, 'v2', 0));
    feed('Rollout', rollout(true, { stableRS: 'h1', currentPodHash: 'h2', ...weights(0) }));
    feed('ReplicaSet', rs('h2', 2, 'v2', 1));
    feed('Rollout', rollout(true, { stableRS: 'h1', currentPodHash: 'h2', ...weights(20) }));
    feed('Rollout', rollout(true, { stableRS: 'h1', currentPodHash: 'h2', ...weights(20) }));
    feed('Rollout', rollout(true, { stableRS: 'h1', currentPodHash: 'h2', abort: true, ...weights(0) }));
    feed('ReplicaSet', rs('h2', 2, 'v2', 0));
    await f.settled();
    // The router's calls and each ReplicaSet's are in order; between them, in any order.
    expect(target.calls.filter((c) => !c.startsWith('scale'))).toEqual(['weight 0 canary h2#2 stable h1#1', 'weight 20 canary h2#2 stable h1#1', 'abort to h1#1 from h2#2']);
    expect(target.calls.filter((c) => c.startsWith('scale'))).toEqual(['scale h2#2 1', 'scale h2#2 0']);
    expect([f.commitOf('h1'), f.commitOf('h2'), f.commitOf('h9')]).toEqual(['v1', 'v2', undefined]);
  });

  it('a promotion makes the canary stable; the next deploy starts from there', async () => {
    const target = recordingTarget();
    const f = new ArgoTrafficFollower(target, 'checkout');
    const feed = (kind: 'Rollout' | 'ReplicaSet', object: KubeObject) => f.observe(kind, { type: 'MODIFIED', object });
    feed('ReplicaSet', rs('h1', 1, 'v1', 3));
    feed('Rollout', rollout(true, { stableRS: 'h1', currentPodHash: 'h2', ...weights(50) }));
    feed('ReplicaSet', rs('h2', 2, 'v2', 3));
    feed('Rollout', rollout(true, { stableRS: 'h2', currentPodHash: 'h2', ...weights(0) }));
    feed('Rollout', rollout(true, { stableRS: 'h2', currentPodHash: 'h3', ...weights(20) }));
    await f.settled();
    expect(target.calls.filter((c) => !c.startsWith('scale'))).toEqual(['weight 50 canary h2#0 stable h1#1', 'promote h2#2 (was h1#1)', 'weight 20 canary h3#0 stable h2#2']);
    expect(target.calls.filter((c) => c.startsWith('scale'))).toEqual(['scale h2#2 3']);
  });

  it('a basic canary (no trafficRouting) splits by available pods, as a Service over both would', async () => {
    const target = recordingTarget();
    const f = new ArgoTrafficFollower(target, 'checkout');
    const feed = (kind: 'Rollout' | 'ReplicaSet', object: KubeObject) => f.observe(kind, { type: 'MODIFIED', object });
    feed('Rollout', rollout(false, { stableRS: 'h1', currentPodHash: 'h2' }));
    feed('ReplicaSet', rs('h1', 1, 'v1', 4));
    feed('ReplicaSet', rs('h2', 2, 'v2', 1, 0));
    feed('ReplicaSet', rs('h2', 2, 'v2', 1, 1));
    await f.settled();
    expect(target.calls).toEqual(['weight 0 canary h2#0 stable h1#0', 'scale h2#2 1', 'weight 20 canary h2#2 stable h1#1']);
  });

  it('ignores other rollouts\' objects; a canary scale that never settles does not hold the router back', async () => {
    const target = recordingTarget();
    target.scaleReplicaSet = () => new Promise(() => {});
    const f = new ArgoTrafficFollower(target, 'checkout');
    f.observe('Rollout', { type: 'ADDED', object: { ...rollout(true, { stableRS: 'x1', currentPodHash: 'x2', ...weights(20) }), metadata: { name: 'payments' } } });
    expect(target.calls).toEqual([]);
    f.observe('Rollout', { type: 'ADDED', object: rollout(true, { stableRS: 'h1', currentPodHash: 'h1' }) });
    f.observe('ReplicaSet', { type: 'ADDED', object: rs('h2', 2, 'v2', 1) });
    f.observe('Rollout', { type: 'MODIFIED', object: rollout(true, { stableRS: 'h1', currentPodHash: 'h2', ...weights(20) }) });
    await new Promise((r) => setTimeout(r, 10));
    expect(target.calls).toEqual(['weight 20 canary h2#2 stable h1#0']);
  });
});
