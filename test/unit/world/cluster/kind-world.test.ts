import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArgoStack } from '../../../../src/runner/argo-stack.ts';
import { startCanaryDeploy } from '../../../../src/runner/canary-deploy.ts';
import { loadStack } from '../../../../src/scenario/load-stack.ts';
import { ServiceLogStore } from '../../../../src/testbed/service-logs.ts';
import { Timeline } from '../../../../src/timeline/timeline.ts';
import { connectKindCluster } from '../../../../src/world/cluster/kind/connect-kind-cluster.ts';
import type { CommandRunner, CommandSpec } from '../../../../src/world/cluster/kind/command-runner.ts';
import { KindWorld } from '../../../../src/world/cluster/kind/kind-world.ts';
import { planPortForward, spawnBackgroundProcess, startPortForward, type BackgroundProcess } from '../../../../src/world/cluster/kind/port-forward.ts';
import { ServedHeaderTrace } from '../../../../src/world/cluster/kind/served-header-trace.ts';
import { renderCodeConfigMap } from '../../../../src/world/cluster/manifests/kind-objects.ts';
import { LocalResources } from '../../../../src/world/local/local-resources.ts';
import { ScaledClock } from '../../../../src/world/local/scaled-clock.ts';
import { WeightedTruth } from '../../../../src/world/local/weighted-truth.ts';
import type { LoadDriver } from '../../../../src/world/local/load-driver.ts';
import { REPO_ROOT } from '../../../helpers/paths.ts';
import { findUncatalogued } from '../../../helpers/catalogued.ts';
import { rollout, rs, V1, V2 } from './checkout-objects.ts';
import { REPLICASETS, ROLLOUTS, useStandIn } from './kube-test-setup.ts';

const ALL_TOOLS = (name: string) => `/usr/bin/${name}`;

/** A runner that records each command and answers from a script (first matching pattern), else exit 0. */
function scriptedRunner(script: [RegExp, Partial<{ exitCode: number; stdout: string; stderr: string }>][] = []): CommandRunner & { calls: string[] } {
  const calls: string[] = [];
  const run = (async (spec: CommandSpec) => {
    const line = [spec.command, ...spec.args].join(' ');
    calls.push(line);
    const hit = script.find(([re]) => re.test(line))?.[1] ?? {};
    return { exitCode: hit.exitCode ?? 0, stdout: hit.stdout ?? '', stderr: hit.stderr ?? '', timedOut: false };
  }) as CommandRunner & { calls: string[] };
  run.calls = calls;
  return run;
}

describe('a kind run\'s commands (through the injected runner and process starter)', () => {
  it('uses the cluster `cluster up --kind` made, its kubeconfig exported into the run\'s own dir', async () => {
    const run = scriptedRunner([[/^kind get clusters/, { stdout: 'other\nfiredrill\n' }]]);
    expect(await connectKindCluster(run, 'firedrill', '/tmp/run-1', ALL_TOOLS)).toEqual({ kubeconfig: '/tmp/run-1/kubeconfig', context: 'kind-firedrill' });
    expect(run.calls).toEqual(['kind get clusters', 'kind export kubeconfig --name firedrill --kubeconfig /tmp/run-1/kubeconfig']);
  });

  it('no such cluster: says how to make one, before anything is applied; a missing program: what to install', async () => {
    const run = scriptedRunner([[/^kind get clusters/, { stdout: 'other\n' }]]);
    await expect(connectKindCluster(run, 'firedrill', '/tmp/x', ALL_TOOLS)).rejects.toMatchObject({ message: 'no kind cluster named "firedrill"', hint: expect.stringContaining('firedrill cluster up --kind --name firedrill') });
    expect(run.calls).toEqual(['kind get clusters']);
    const none = scriptedRunner();
    await expect(connectKindCluster(none, 'firedrill', '/tmp/x', (n) => (n === 'kubectl' ? undefined : `/usr/bin/${n}`))).rejects.toThrow('the kind backend needs kubectl, not found on PATH');
    expect(none.calls).toEqual([]);
  });

  it('port-forwards on 127.0.0.1 only, at the port kubectl picks and reports', async () => {
    const spec = planPortForward({ kubeconfig: '/k', context: 'kind-firedrill' }, 'drill-1', 'frontend', 80);
    expect([spec.command, ...spec.args].join(' ')).toBe('kubectl --kubeconfig /k --context kind-firedrill --namespace drill-1 port-forward --address 127.0.0.1 service/frontend :80');
    const started: string[] = [];
    const fake = (lines: string[], exitAfter?: number) => (s: { command: string; args: string[] }): BackgroundProcess => {
      started.push(s.args.join(' '));
      let exit: (c: number | null) => void = () => {};
      const exited = new Promise<number | null>((r) => (exit = r));
      if (exitAfter !== undefined) setTimeout(() => exit(exitAfter), 10);
      return { onOutput: (l) => lines.forEach((x, i) => setTimeout(() => l(x), i * 5)), exited, stop: async () => exit(null) };
    };
    const forward = await startPortForward(fake(['Forwarding from 127.0.0.1:', '41234 -> 8080\nForwarding from [::1]:41234 -> 8080\n']), spec, 1000);
    expect(forward.port).toBe(41234);
    await expect(startPortForward(fake(['error: services "frontend" not found\n'], 1), spec, 1000)).rejects.toMatchObject({ message: expect.stringMatching(/exited \(1\) before forwarding$/), hint: 'error: services "frontend" not found' });
    await expect(startPortForward(fake([]), spec, 50)).rejects.toThrow(/did not start forwarding within 0.05 s/);
    expect(started).toHaveLength(3);
  });

  it('the real process starter: reads the port from the program\'s output and stops it', async () => {
    const script = 'console.log("Forwarding from 127.0.0.1:45678 -> 80"); setInterval(() => {}, 1000)';
    const forward = await startPortForward(spawnBackgroundProcess, { command: process.execPath, args: ['-e', script] }, 10_000);
    expect(forward.port).toBe(45678);
    await forward.stop();
    expect(await forward.exited).toBe(null);
  });
});

describe('ServedHeaderTrace: ground truth from the answer', () => {
  it('a request is the canary\'s when the deployed service\'s commit in x-firedrill-served is not the stable one', () => {
    let stable = 'v1';
    const trace = new ServedHeaderTrace('checkout', () => stable);
    const answer = (served?: string) => ({ status: 200, body: undefined, headers: served ? { 'x-firedrill-served': served } : {} });
    expect(trace.take('u1', answer('frontend@v1,checkout@v1,payments@v1'))).toBe('stable');
    expect(trace.take('u2', answer('frontend@v1,checkout@v2,payments@v1'))).toBe('canary');
    expect(trace.take('u3', answer('frontend@v1'))).toBeUndefined();
    expect(trace.take('u4', answer())).toBeUndefined();
    stable = 'v2';
    expect(trace.take('u5', answer('frontend@v1,checkout@v2'))).toBe('stable');
  });
});

/**
 * KindWorld against the stand-in API server, driven by the runner's canary deploy: a deploy
 * publishes the commit's code as a ConfigMap, then patches annotation and code volume together;
 * Argo's split (the test plays Argo) moves only the slots the ground truth reads; stop ends the
 * port-forwards and the load, then deletes the namespace unless --keep.
 */
describe('KindWorld: Argo decides and routes in the cluster; the host keeps slots, truth and cleanup', () => {
  const s = useStandIn();

  function makeWorld(keep: boolean, stops: string[]) {
    const resources = new LocalResources();
    resources.add('port-forward frontend', () => void stops.push('port-forward frontend'));
    resources.add('load', () => void stops.push('load'));
    const slots: { stable: string; canary?: string } = { stable: V1 };
    const load = { kind: 'builtin', start: async () => {}, stop: async () => {}, counters: () => ({}), completeBefore: (n: number) => n } as unknown as LoadDriver;
    const truth = new WeightedTruth(500, 1, (slot) => (slot === 'canary' ? slots.canary ?? slots.stable : slots.stable).slice(0, 12));
    const timeline = new Timeline();
    const published: string[] = [];
    const world = new KindWorld({
      clock: new ScaledClock(1), timeline, workspace: { v1: V1, v2: V2, worktreeOf: async () => REPO_ROOT } as never, deployService: 'checkout',
      metrics: {} as never, logs: new ServiceLogStore(), load, truth, api: s.api, namespace: 'shop', keep, slots, resources,
      kube: { kubeconfig: '/tmp/run/kubeconfig', context: 'kind-firedrill' },
      info: { timeScale: 1, metrics: 'prometheus (in the kind cluster)', load: 'builtin' },
      publishCode: async (revision) => {
        published.push(revision);
        await s.api.apply(renderCodeConfigMap({ namespace: 'shop', labels: {} }, 'checkout', revision, [{ name: 'handler.js', text: '// code' }]));
      },
    });
    return { world, timeline, slots, published };
  }

  it('deploys code and commit together, follows Argo\'s split into the slots, and cleans up on stop', async () => {
    const stops: string[] = [];
    const { world, timeline, slots, published } = makeWorld(false, stops);
    expect(world.kubeAccess()).toEqual({ kubeconfig: '/tmp/run/kubeconfig', context: 'kind-firedrill', namespace: 'shop' });
    s.fake.put('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    s.fake.put(REPLICASETS, rs(V1, 1, 3));
    s.fake.put(ROLLOUTS, rollout(V1, 1, { phase: 'Healthy', stableRS: V1.slice(0, 6), currentPodHash: V1.slice(0, 6), currentStepIndex: 2 }));
    const stack = await loadStack(resolve(REPO_ROOT, 'scenarios/stacks/l1.yaml'));
    const strategy = startCanaryDeploy({ world, timeline, argo: await loadArgoStack(stack), stackName: stack.name, notify: () => {} });
    await strategy.start();
    await expect.poll(() => s.fake.get(ROLLOUTS, 'checkout')?.spec).toMatchObject({
      template: { metadata: { annotations: { 'firedrill.dev/commit': V2 } }, spec: { volumes: [{ name: 'code', configMap: { name: `code-checkout-${V2.slice(0, 12)}` } }] } },
    });
    expect(published).toContain(V2);
    // The ConfigMap is there before the pod template names it.
    const writes = s.fake.requests.filter((r) => r.method === 'PATCH').map((r) => r.path);
    expect(writes.findIndex((p) => p.includes('/configmaps/'))).toBeLessThan(writes.findIndex((p) => p.includes('/rollouts/checkout')));

    s.fake.put(REPLICASETS, rs(V2, 2, 1));
    s.fake.put(ROLLOUTS, rollout(V2, 2, { phase: 'Progressing', stableRS: V1.slice(0, 6), currentPodHash: V2.slice(0, 6), currentStepIndex: 1, canary: { weights: { canary: { weight: 20 } } } }));
    await expect.poll(() => world.commits()).toEqual({ stable: V1, canary: V2 });
    s.fake.put(ROLLOUTS, rollout(V2, 2, { phase: 'Healthy', stableRS: V2.slice(0, 6), currentPodHash: V2.slice(0, 6), currentStepIndex: 2, canary: { weights: { canary: { weight: 0 } } } }));
    await expect.poll(() => slots.stable).toBe(V2);
    expect(world.commits()).toEqual({ stable: V2 });
    expect(timeline.all().map((e) => e.type)).toEqual(expect.arrayContaining(['world.canary.started', 'world.traffic.weight', 'world.promoted']));
    // Not this world's: the observer's rollout.completed carries status.message, which this fake
    // Healthy status (like Argo's, as far as the recorded objects show) leaves out; noted for kube/'s owner.
    expect(findUncatalogued(timeline.all().filter((e) => e.type !== 'rollout.completed'))).toEqual([]);

    await world.stop();
    await world.stop();
    expect(stops).toEqual(['load', 'port-forward frontend']);
    expect(s.fake.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/v1/namespaces/shop']);
  });

  it('--keep leaves the namespace; the port-forwards and load stop all the same', async () => {
    const stops: string[] = [];
    const { world } = makeWorld(true, stops);
    await world.stop();
    expect(stops).toEqual(['load', 'port-forward frontend']);
    expect(s.fake.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
  });
});
