import { describe, expect, it } from 'vitest';
import { ClusterObserver } from '../../../../src/world/cluster/kube/cluster-observer.ts';
import { watchCluster } from '../../../../src/world/cluster/kube/watch-cluster.ts';
import type { ObservedEvent } from '../../../../src/rollout/observed/describe-observed-changes.ts';
import { ANALYSISRUNS, REPLICASETS, ROLLOUTS, useStandIn } from './kube-test-setup.ts';

const owner = [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'checkout', controller: true }];
const rollout = (status: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'checkout', namespace: 'shop', generation: 1 },
  spec: { replicas: 2, strategy: { canary: { steps: [{ setWeight: 20 }] } } }, status: { observedGeneration: '1', ...status },
});

describe('watchCluster (against the stand-in API server)', () => {
  const s = useStandIn();

  it('streams Rollout, AnalysisRun and ReplicaSet changes into timeline events, and survives the server ending the watches', async () => {
    const events: ObservedEvent[] = [];
    const watch = watchCluster(s.api, 'shop', new ClusterObserver((e) => events.push(e)));
    await watch.ready;
    s.fake.put(ROLLOUTS, rollout({ phase: 'Healthy', stableRS: 'h1', currentPodHash: 'h1' }));
    s.fake.put(REPLICASETS, { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'checkout-h1', namespace: 'shop', labels: { 'rollouts-pod-template-hash': 'h1' }, ownerReferences: owner }, spec: { replicas: 2 } });
    // Three streams, three connections: their events interleave in any order.
    const types = () => events.map((e) => e.type).sort();
    await expect.poll(types, { timeout: 1500 }).toEqual(['rollout.phase', 'rollout.replicaset.scaled']);
    s.fake.endWatches();
    // Re-opened (after 0.5 s): the same objects come again as ADDED and change nothing; new changes still arrive.
    await new Promise((r) => setTimeout(r, 800));
    s.fake.put(ANALYSISRUNS, { apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisRun', metadata: { name: 'checkout-h2-2', namespace: 'shop', labels: { 'rollout-type': 'Background' }, ownerReferences: owner }, status: { phase: 'Running' } });
    await expect.poll(() => events.slice(2).map((e) => e.type), { timeout: 1500 }).toEqual(['rollout.analysisrun.created', 'analysis.run.phase']);
    expect(events).toHaveLength(4);
    expect(watch.lastError()).toBeUndefined();
    watch.stop();
  });
});
