import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario } from '../../../../src/scenario/load-scenario.ts';
import { loadStack } from '../../../../src/scenario/load-stack.ts';
import { Timeline } from '../../../../src/timeline/timeline.ts';
import { createRng } from '../../../../src/util/rng.ts';
import { createKindWorld } from '../../../../src/world/cluster/kind/create-kind-world.ts';
import type { CommandRunner } from '../../../../src/world/cluster/kind/command-runner.ts';
import type { BackgroundProcess } from '../../../../src/world/cluster/kind/port-forward.ts';
import type { Workspace } from '../../../../src/testbed/workspace.ts';
import { REPO_ROOT } from '../../../helpers/paths.ts';
import { findUncatalogued } from '../../../helpers/catalogued.ts';
import { connectToStandIn } from './kube-test-setup.ts';

const V1 = 'c1'.repeat(20);
const NS = '/apis/argoproj.io/v1alpha1/namespaces';
const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

/** The entry service's router as the port-forward would reach it: answers like a pod chain, naming the commits. */
async function entryStandIn(): Promise<{ server: Server; port: number; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    req.resume();
    hits++;
    res.writeHead(200, { 'content-type': 'application/json', 'x-firedrill-served': `frontend@${V1},checkout@${V1},payments@${V1},ledger@${V1}` }).end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, port: (server.address() as AddressInfo).port, hits: () => hits };
}

/**
 * createKindWorld as a whole through its injected runner, process starter and API connection:
 * the stand-in API server plays the cluster (the test plays Argo: every Rollout applied becomes
 * Healthy), the starter plays kubectl port-forward (its "Forwarding from" line names a real
 * server on 127.0.0.1), the runner plays kind.
 */
describe('createKindWorld: the whole start and stop, through injected runner, starter and API', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('exports the kubeconfig, applies every Rollout with code and router stand-ins, forwards on 127.0.0.1, loads, and removes it all on stop', async () => {
    const { fake, api, cleanup } = await connectToStandIn();
    cleanups.push(cleanup);
    const entry = await entryStandIn();
    cleanups.push(() => void entry.server.close());
    fake.put(CRDS, { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'virtualservices.networking.istio.io' }, status: { conditions: [{ type: 'Established', status: 'True' }] } });
    // Argo's part: every Rollout that appears is Healthy at its first revision.
    const argo = setInterval(() => {
      for (const r of fake.requests.filter((q) => q.method === 'PATCH' && q.path.includes('/rollouts/'))) {
        const [, namespace, name] = /namespaces\/([^/]+)\/rollouts\/([^/?]+)/.exec(r.path)!;
        const obj = fake.get(`${NS}/${namespace}/rollouts`, name);
        if (obj && !obj.status) fake.put(`${NS}/${namespace}/rollouts`, { ...obj, status: { phase: 'Healthy', stableRS: 'abc123', currentPodHash: 'abc123' } });
      }
    }, 20);
    cleanups.push(() => clearInterval(argo));

    const commands: string[] = [];
    const run: CommandRunner = async (spec) => {
      commands.push([spec.command, ...spec.args].join(' '));
      return { exitCode: 0, stdout: spec.args[1] === 'clusters' ? 'firedrill\n' : '', stderr: '', timedOut: false };
    };
    const forwards: { args: string; stopped: boolean }[] = [];
    const start = (spec: { command: string; args: string[] }): BackgroundProcess => {
      const record = { args: [spec.command, ...spec.args].join(' '), stopped: false };
      forwards.push(record);
      let exit: (c: number | null) => void = () => {};
      const exited = new Promise<number | null>((r) => (exit = r));
      const port = spec.args.includes('service/prometheus') ? 1 : entry.port;
      return { onOutput: (l) => setTimeout(() => l(`Forwarding from 127.0.0.1:${port} -> 8080\n`), 5), exited, stop: async () => { record.stopped = true; exit(null); } };
    };
    const scenario = await loadScenario(join(REPO_ROOT, 'scenarios/error-spike.yaml'));
    const stack = await loadStack(join(REPO_ROOT, 'scenarios/stacks/l1.yaml'));
    const workspace = { dir: join(REPO_ROOT, 'scenarios/testbed'), stableDir: join(REPO_ROOT, 'scenarios/testbed'), v1: V1, v2: 'd2'.repeat(20), worktreeOf: async () => join(REPO_ROOT, 'scenarios/testbed') } as unknown as Workspace;
    const timeline = new Timeline();
    const world = await createKindWorld({ scenario, stack, workspace, seed: 4, rng: createRng(4), timeline, local: { timeScale: 10 } }, { run, start, connect: async () => api, find: (n) => `/usr/bin/${n}` });
    cleanups.push(() => world.stop());

    expect(commands[0]).toBe('kind get clusters');
    expect(commands[1]).toMatch(/^kind export kubeconfig --name firedrill --kubeconfig \/tmp\/firedrill-kind-\w+\/kubeconfig$/);
    const namespace = world.namespace;
    expect(namespace).toMatch(/^firedrill-error-spike-4-[0-9a-f]{6}$/);
    expect(forwards.map((f) => f.args.replace(/--kubeconfig \S+/, '--kubeconfig K'))).toEqual([
      `kubectl --kubeconfig K --context kind-firedrill --namespace ${namespace} port-forward --address 127.0.0.1 service/frontend :80`,
      'kubectl --kubeconfig K --context kind-firedrill --namespace monitoring port-forward --address 127.0.0.1 service/prometheus :9090',
    ]);
    const applied = fake.requests.filter((r) => r.method === 'PATCH').map((r) => r.path.replace(/\?.*/, '').split('/').slice(-2).join('/'));
    for (const s of ['frontend', 'checkout', 'payments', 'ledger']) {
      expect(applied).toContain(`rollouts/${s}`);
      expect(applied).toContain(`configmaps/code-${s}-${V1.slice(0, 12)}`);
      expect(applied).toContain(`deployments/${s}-router`);
    }
    // Durations divided by the time scale, as on the local control plane.
    const checkout = fake.get(`${NS}/${namespace}/rollouts`, 'checkout') as unknown as { spec: { strategy: { canary: { steps: { pause?: { duration: string | number } }[] } } } };
    expect(checkout.spec.strategy.canary.steps.find((s) => s.pause)?.pause?.duration).toBe(12);
    expect(timeline.all().find((e) => e.type === 'world.cluster.started')).toMatchObject({ cluster: 'kind "firedrill"', namespace, rollout: 'checkout' });
    expect(findUncatalogued(timeline.all())).toEqual([]);
    // The load goes through the entry's port-forward, and its answers are the ground truth.
    await expect.poll(() => entry.hits(), { timeout: 5_000 }).toBeGreaterThan(5);
    await new Promise((r) => setTimeout(r, 300));
    const buckets = world.takeTruth(true);
    expect(buckets.reduce((n, b) => n + b.total, 0)).toBeGreaterThan(0);
    expect(buckets.reduce((n, b) => n + b.canary, 0)).toBe(0);

    await world.stop();
    expect(forwards.every((f) => f.stopped)).toBe(true);
    expect(fake.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([`/api/v1/namespaces/${namespace}`]);
  }, 60_000);

  it('a kind cluster that is not there fails before anything is applied or forwarded', async () => {
    const run: CommandRunner = async () => ({ exitCode: 0, stdout: 'other\n', stderr: '', timedOut: false });
    let started = 0;
    const scenario = await loadScenario(join(REPO_ROOT, 'scenarios/error-spike.yaml'));
    const stack = await loadStack(join(REPO_ROOT, 'scenarios/stacks/l1.yaml'));
    const workspace = { stableDir: join(REPO_ROOT, 'scenarios/testbed'), v1: V1 } as unknown as Workspace;
    await expect(createKindWorld({ scenario, stack, workspace, seed: 1, rng: createRng(1), timeline: new Timeline() }, {
      run, start: () => { started++; throw new Error('no'); }, connect: async () => { throw new Error('must not connect'); }, find: (n) => `/usr/bin/${n}`,
    })).rejects.toThrow('no kind cluster named "firedrill"');
    expect(started).toBe(0);
  });
});
