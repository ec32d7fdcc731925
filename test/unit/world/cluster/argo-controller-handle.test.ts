import { describe, expect, it } from 'vitest';
import type { RolloutTarget } from '../../../../src/rollout/canary/rollout-target.ts';
import { startArgoController } from '../../../../src/world/cluster/kube/argo-controller-handle.ts';
import { renderTemplateObjects } from '../../../../src/world/cluster/manifests/cluster-objects.ts';
import { findUncatalogued } from '../../../helpers/catalogued.ts';
import { REPLICASETS, ROLLOUTS, useStandIn } from './kube-test-setup.ts';

/**
 * The real controller behind the built-in engine's handle, against the stand-in API server. The
 * test plays Argo: it writes the status and ReplicaSets the controller would write.
 */
const owner = [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'checkout', controller: true }];
const rs = (hash: string, revision: number, commit: string, replicas: number) => ({
  apiVersion: 'apps/v1', kind: 'ReplicaSet',
  metadata: { name: `checkout-${hash}`, namespace: 'shop', labels: { app: 'checkout', 'rollouts-pod-template-hash': hash }, annotations: { 'rollout.argoproj.io/revision': String(revision) }, ownerReferences: owner },
  spec: { replicas, template: { metadata: { annotations: { 'firedrill.dev/commit': commit } } } }, status: { availableReplicas: replicas },
});
const rollout = (revision: number, commit: string, status: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout',
  metadata: { name: 'checkout', namespace: 'shop', generation: revision, annotations: { 'rollout.argoproj.io/revision': String(revision) } },
  spec: { replicas: 3, strategy: { canary: { trafficRouting: { istio: {} }, steps: [{ setWeight: 20 }, { pause: {} }] } }, template: { metadata: { annotations: { 'firedrill.dev/commit': commit } } } },
  status: { observedGeneration: String(revision), ...status },
});

describe('startArgoController: the real controller behind the RolloutControllerHandle', () => {
  const s = useStandIn();

  it('deploys by patch, reports Argo\'s status in the runner\'s hashes, follows its weight, and settles on its verdict', async () => {
    const calls: string[] = [];
    const target: RolloutTarget = {
      setCanaryWeight: (w, c) => void calls.push(`weight ${w} ${c.podHash}`), promote: (n) => void calls.push(`promote ${n.podHash}`), abortToStable: () => void calls.push('abort'),
    };
    const events: { type: string; data: Record<string, unknown> }[] = [];
    s.fake.put(REPLICASETS, rs('a1', 1, 'commit-v1', 3));
    s.fake.put(ROLLOUTS, rollout(1, 'commit-v1', { phase: 'Healthy', stableRS: 'a1', currentPodHash: 'a1', currentStepIndex: 2 }));
    const handle = startArgoController({
      api: s.api, namespace: 'shop', rollout: 'checkout', target,
      commitOfHash: (h) => `commit-${h}`, hashOfCommit: (c) => c.replace('commit-', ''), emit: (type, data) => events.push({ type, data }),
    });
    await handle.ready;
    expect(handle.status()).toMatchObject({ phase: 'Healthy', stableRS: 'v1', currentPodHash: 'v1' });

    handle.update('v2');
    await expect.poll(() => s.fake.get(ROLLOUTS, 'checkout')?.spec).toMatchObject({ template: { metadata: { annotations: { 'firedrill.dev/commit': 'commit-v2' } } } });
    const settled = handle.waitForSettled();
    // Argo: a new revision, its canary at 20 %, then the analysis fails and it aborts.
    s.fake.put(REPLICASETS, rs('b2', 2, 'commit-v2', 1));
    s.fake.put(ROLLOUTS, rollout(2, 'commit-v2', { phase: 'Progressing', stableRS: 'a1', currentPodHash: 'b2', currentStepIndex: 1, canary: { weights: { canary: { weight: 20 } } } }));
    await expect.poll(() => calls).toEqual(['weight 20 v2']);
    expect(handle.status()).toMatchObject({ currentPodHash: 'v2', stableRS: 'v1', revision: 2 });
    handle.abort();
    await expect.poll(() => s.fake.get(ROLLOUTS, 'checkout')?.status).toMatchObject({ abort: true });
    s.fake.put(ROLLOUTS, rollout(2, 'commit-v2', { phase: 'Degraded', message: 'RolloutAborted: metric "error-rate" assessed Failed', abort: true, stableRS: 'a1', currentPodHash: 'b2', currentStepIndex: 0, canary: { weights: { canary: { weight: 0 } } } }));
    expect(await settled).toMatchObject({ phase: 'Degraded', currentPodHash: 'v2', abort: true });
    await expect.poll(() => calls).toEqual(['weight 20 v2', 'abort']);
    handle.stop();

    const types = events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['rollout.updated', 'rollout.weight.changed', 'rollout.command', 'rollout.aborted', 'rollout.replicaset.scaled']));
    expect(events.find((e) => e.type === 'rollout.command')?.data).toEqual({ rollout: 'checkout', command: 'abort' });
    expect(findUncatalogued(events.map((e) => ({ t: 0, type: e.type, source: 'rollout', ...e.data })))).toEqual([]);
  });

  it('an API call that fails is a rollout.target.failed event, not a crash', async () => {
    const events: { type: string; data: Record<string, unknown> }[] = [];
    const handle = startArgoController({ api: s.api, namespace: 'shop', rollout: 'missing', commitOfHash: (h) => h, hashOfCommit: (c) => c, emit: (type, data) => events.push({ type, data }) });
    handle.promote();
    await expect.poll(() => events.map((e) => e.type)).toEqual(['rollout.command', 'rollout.target.failed']);
    expect(events[1].data).toMatchObject({ rollout: 'missing', operation: 'promote', message: 'Rollout shop/missing not found' });
    expect(() => handle.status()).toThrow(/has not been observed yet/);
    handle.stop();
  });

  it("applyTemplates (a fix's changed AnalysisTemplate) goes to the API server, and the fix's deploy waits for it", async () => {
    s.fake.put(REPLICASETS, rs('a1', 1, 'commit-v1', 3));
    s.fake.put(ROLLOUTS, rollout(1, 'commit-v1', { phase: 'Healthy', stableRS: 'a1', currentPodHash: 'a1', currentStepIndex: 2 }));
    const events: string[] = [];
    const handle = startArgoController({
      api: s.api, namespace: 'shop', rollout: 'checkout', commitOfHash: (h) => `commit-${h}`, hashOfCommit: (c) => c.replace('commit-', ''), emit: (type) => void events.push(type),
      renderTemplates: (t) => renderTemplateObjects(t, { namespace: 'shop', labels: { 'firedrill.dev/run': 'r1' }, prometheusAddress: 'http://127.0.0.1:9090' }),
    });
    await handle.ready;
    const metric = { name: 'error-rate', interval: '30s', failureLimit: 5, successCondition: 'result[0] < 0.05', provider: { prometheus: { address: 'http://stack-default', query: 'sum(x)' } } };
    handle.applyTemplates([{ kind: 'AnalysisTemplate', name: 'error-rate', spec: { metrics: [metric] } }]);
    handle.update('v3');
    await expect.poll(() => s.fake.get(ROLLOUTS, 'checkout')?.spec).toMatchObject({ template: { metadata: { annotations: { 'firedrill.dev/commit': 'commit-v3' } } } });
    const writes = s.fake.requests.filter((r) => r.method === 'PATCH').map((r) => `${r.contentType} ${r.path}`);
    expect(writes).toEqual([
      'application/apply-patch+yaml /apis/argoproj.io/v1alpha1/namespaces/shop/analysistemplates/error-rate',
      'application/merge-patch+json /apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/checkout',
    ]);
    const applied = s.fake.get('/apis/argoproj.io/v1alpha1/namespaces/shop/analysistemplates', 'error-rate');
    expect(applied).toMatchObject({ metadata: { namespace: 'shop', labels: { 'firedrill.dev/run': 'r1' } }, spec: { metrics: [{ failureLimit: 5, provider: { prometheus: { address: 'http://127.0.0.1:9090' } } }] } });
    expect(events).not.toContain('rollout.target.failed');
    handle.stop();
  });

  it('applyTemplates without a way to render them refuses with the reason, as rollout.target.failed', async () => {
    s.fake.put(REPLICASETS, rs('a1', 1, 'commit-v1', 3));
    s.fake.put(ROLLOUTS, rollout(1, 'commit-v1', { phase: 'Healthy', stableRS: 'a1', currentPodHash: 'a1', currentStepIndex: 2 }));
    const events: { type: string; data: Record<string, unknown> }[] = [];
    const handle = startArgoController({ api: s.api, namespace: 'shop', rollout: 'checkout', commitOfHash: (h) => `commit-${h}`, hashOfCommit: (c) => c.replace('commit-', ''), emit: (type, data) => events.push({ type, data }) });
    await handle.ready;
    handle.applyTemplates([{ kind: 'AnalysisTemplate', name: 'error-rate', spec: { metrics: [] } }]);
    expect(events.filter((e) => e.type === 'rollout.target.failed')).toEqual([{ type: 'rollout.target.failed', data: expect.objectContaining({ operation: 'applyTemplates', message: expect.stringMatching(/cannot render AnalysisTemplates/) }) }]);
    expect(s.fake.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
    handle.stop();
  });
});
