import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WallClock } from '../../../../src/clock/wall-clock.ts';
import { loadArgoStack } from '../../../../src/runner/argo-stack.ts';
import { startCanaryDeploy } from '../../../../src/runner/canary-deploy.ts';
import { loadStack } from '../../../../src/scenario/load-stack.ts';
import { Timeline } from '../../../../src/timeline/timeline.ts';
import { ClusterWorld } from '../../../../src/world/cluster/cluster-world.ts';
import type { LocalWorld } from '../../../../src/world/local/local-world.ts';
import { REPO_ROOT } from '../../../helpers/paths.ts';
import { findUncatalogued } from '../../../helpers/catalogued.ts';
import { rollout, rs, V1, V2 } from './checkout-objects.ts';
import { REPLICASETS, ROLLOUTS, useStandIn } from './kube-test-setup.ts';

/**
 * The runner's plug point on the cluster backend, against the stand-in API server: the runner's
 * canary deploy drives the world's own controller (startArgoController) instead of starting the
 * built-in engine; what "Argo" writes (the test plays it) reaches the testbed through the
 * world's canary methods; stop deletes the run's namespace unless --keep.
 */
/** The local backend's side, recording the calls the cluster world passes on. */
function recordLocalWorld(calls: string[]): LocalWorld {
  const clock = new WallClock();
  const local = {
    backend: 'local', clock, metrics: {}, workspace: { v1: V1, v2: V2 }, logs: {}, deployService: 'checkout', info: { timeScale: 1, metrics: 'prometheus', load: 'builtin' },
    startCanary: async (w: number, r: string) => void calls.push(`startCanary ${w} ${r.slice(0, 2)}`),
    prepareRevision: async (r: string) => (calls.push(`prepare ${r.slice(0, 2)}`), true),
    setCanaryWeight: async (w: number) => void calls.push(`weight ${w}`),
    setCanaryReplicas: async (n: number | string) => void calls.push(`replicas ${n}`),
    promoteCanary: async () => void calls.push('promote'),
    stop: async () => void calls.push('local stopped'),
  };
  return local as unknown as LocalWorld;
}

describe('ClusterWorld: the runner drives the real controller instead of the built-in engine', () => {
  const s = useStandIn();

  it('deploys by patch, follows what Argo decides onto the testbed, and deletes its namespace on stop', async () => {
    const calls: string[] = [];
    const world = new ClusterWorld({ local: recordLocalWorld(calls), api: s.api, namespace: 'shop', keep: false, kube: { kubeconfig: '/tmp/kc', context: 'ctx' } });
    // What an agent with its own Kubernetes client (K8sGPT) is given: the run's access and namespace.
    expect(world.kubeAccess()).toEqual({ kubeconfig: '/tmp/kc', context: 'ctx', namespace: 'shop' });
    s.fake.put('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    s.fake.put(REPLICASETS, rs(V1, 1, 3));
    s.fake.put(ROLLOUTS, rollout(V1, 1, { phase: 'Healthy', stableRS: V1.slice(0, 6), currentPodHash: V1.slice(0, 6), currentStepIndex: 2 }));
    const stack = await loadStack(resolve(REPO_ROOT, 'scenarios/stacks/l1.yaml'));
    const timeline = new Timeline();
    const strategy = startCanaryDeploy({ world, timeline, argo: await loadArgoStack(stack), stackName: stack.name, notify: (r) => void calls.push(`page ${r}`) });
    await strategy.start();
    // The deploy is Argo's: the commit annotation patched, no engine of firedrill's own emitting steps.
    await expect.poll(() => s.fake.get(ROLLOUTS, 'checkout')?.spec).toMatchObject({ template: { metadata: { annotations: { 'firedrill.dev/commit': V2 } } } });
    expect(timeline.all().some((e) => e.type === 'rollout.step.started' || e.type === 'rollout.analysisrun.created')).toBe(false);

    s.fake.put(REPLICASETS, rs(V2, 2, 1));
    s.fake.put(ROLLOUTS, rollout(V2, 2, { phase: 'Progressing', stableRS: V1.slice(0, 6), currentPodHash: V2.slice(0, 6), currentStepIndex: 1, canary: { weights: { canary: { weight: 20 } } } }));
    await expect.poll(() => calls).toContain('startCanary 20 b2');
    expect(strategy.isLive()).toBe(true);
    expect(strategy.rolloutSnapshot!()).toMatchObject({ stableCommit: V1, canaryCommit: V2, canaryWeight: 20 });
    s.fake.put(ROLLOUTS, rollout(V2, 2, { phase: 'Degraded', message: 'RolloutAborted: metric "error-rate" assessed Failed', abort: true, stableRS: V1.slice(0, 6), currentPodHash: V2.slice(0, 6), currentStepIndex: 0, canary: { weights: { canary: { weight: 0 } } } }));
    await expect.poll(() => calls).toContain('weight 0');
    await expect.poll(() => calls).toContain('page RolloutAborted');
    expect(strategy.isLive()).toBe(false);
    expect(timeline.all().map((e) => e.type)).toEqual(expect.arrayContaining(['rollout.updated', 'rollout.weight.changed', 'rollout.aborted']));
    expect(findUncatalogued(timeline.all())).toEqual([]);

    await world.stop();
    await world.stop();
    expect(calls.filter((c) => c === 'local stopped')).toHaveLength(1);
    expect(s.fake.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/v1/namespaces/shop']);
    expect(s.fake.get('/api/v1/namespaces', 'shop')).toBeUndefined();
    // The watches are closed: Argo's later writes reach nobody.
    const before = calls.length;
    s.fake.put(ROLLOUTS, rollout(V2, 2, { phase: 'Healthy', stableRS: V2.slice(0, 6), currentPodHash: V2.slice(0, 6) }));
    await new Promise((r) => setTimeout(r, 200));
    expect(calls.length).toBe(before);
  });

  it('--keep leaves the namespace', async () => {
    const calls: string[] = [];
    const world = new ClusterWorld({ local: recordLocalWorld(calls), api: s.api, namespace: 'shop', keep: true, kube: { kubeconfig: '/tmp/kc' } });
    await world.stop();
    expect(calls).toEqual(['local stopped']);
    expect(s.fake.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
  });
});
