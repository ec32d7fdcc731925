import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBackend } from '../../../../src/cli/commands/run.ts';
import { loadStack } from '../../../../src/scenario/load-stack.ts';
import { FiredrillError } from '../../../../src/util/errors.ts';
import { resolveClusterTarget } from '../../../../src/world/cluster/cluster-options.ts';
import { compressDurations } from '../../../../src/world/cluster/compress-durations.ts';
import type { KubeObject } from '../../../../src/world/cluster/kube/kube-object.ts';
import { renderClusterObjects } from '../../../../src/world/cluster/manifests/cluster-objects.ts';
import { selectDrillObjects } from '../../../../src/world/cluster/run-objects.ts';
import { REPO_ROOT } from '../../../helpers/paths.ts';

const TESTBED = resolve(REPO_ROOT, 'scenarios/testbed/deploy/k8s');
const text = (file: string) => ({ file, text: readFileSync(file, 'utf8') });

async function renderL1(): Promise<KubeObject[]> {
  const stack = await loadStack(resolve(REPO_ROOT, 'scenarios/stacks/l1.yaml'));
  return renderClusterObjects({
    namespace: 'drill', stackManifests: stack.rolloutManifests.map(text), testbedManifests: ['services.yaml', 'virtual-services.yaml'].map((f) => text(join(TESTBED, f))),
    image: 'firedrill/testbed:local', prometheusAddress: 'http://127.0.0.1:9090', commit: 'c0ffee', labels: {},
  }).objects;
}

const at = (o: unknown, ...path: (string | number)[]): unknown => path.reduce((v: any, k) => v?.[k], o);

describe('the objects of one cluster drill', () => {
  it('are the deployed service\'s Rollout, the Services and VirtualService it names, and the templates', async () => {
    const all = await renderL1();
    const names = selectDrillObjects(all, 'checkout').map((o) => `${o.kind}/${o.metadata.name}`);
    expect(names).toEqual(['Namespace/drill', 'Service/checkout-stable', 'Service/checkout-canary', 'VirtualService/checkout', 'AnalysisTemplate/canary-health', 'Rollout/checkout']);
    expect(() => selectDrillObjects(all, 'nope')).toThrow(/no Rollout named "nope"/);
  });

  it('at --time-scale N say what the compressed clock says: every wait and PromQL range divided by N', async () => {
    const objects = compressDurations(selectDrillObjects(await renderL1(), 'checkout'), 15);
    const rollout = objects.find((o) => o.kind === 'Rollout')!;
    const template = objects.find((o) => o.kind === 'AnalysisTemplate')!;
    expect(at(rollout, 'spec', 'strategy', 'canary', 'steps')).toEqual([{ setWeight: 20 }, { pause: { duration: 8 } }, { setWeight: 50 }, { pause: { duration: 8 } }, { setWeight: 100 }]);
    expect(at(rollout, 'spec', 'progressDeadlineSeconds')).toBe(40);
    expect(at(rollout, 'spec', 'strategy', 'canary', 'abortScaleDownDelaySeconds')).toBe(2);
    const metric = at(template, 'spec', 'metrics', 0) as Record<string, any>;
    expect([metric.interval, metric.initialDelay, metric.failureLimit]).toEqual(['2000ms', '4000ms', 3]);
    expect(metric.provider.prometheus.query).toContain('code=~"5.."}[4000ms]');
    expect(metric.provider.prometheus.query).not.toContain('[1m]');
    expect(metric.provider.prometheus.address).toBe('http://127.0.0.1:9090');
  });

  it('at x1 are the stack\'s own', async () => {
    const objects = selectDrillObjects(await renderL1(), 'checkout');
    const before = structuredClone(objects);
    expect(compressDurations(objects, 1)).toEqual(before);
  });
});

describe('which cluster a run uses', () => {
  it('--cluster NAME needs that control plane up: exit 3, naming `firedrill cluster up`', () => {
    const env = { FIREDRILL_CLUSTERS_DIR: mkdtempSync(join(tmpdir(), 'firedrill-clusters-')) };
    try {
      const err = (() => { try { resolveClusterTarget({}, env); } catch (e) { return e; } })() as FiredrillError;
      expect(err).toBeInstanceOf(FiredrillError);
      expect(err.exitCode).toBe(3);
      expect(err.message).toBe('no local control plane named "firedrill" is up');
      expect(err.hint).toContain('firedrill cluster up --name firedrill');
      mkdirSync(join(env.FIREDRILL_CLUSTERS_DIR, 'blue'));
      writeFileSync(join(env.FIREDRILL_CLUSTERS_DIR, 'blue', 'state.json'), JSON.stringify({ kubeconfig: '/k/blue', server: 'https://127.0.0.1:6443' }));
      expect(resolveClusterTarget({ cluster: 'blue' }, env)).toEqual({ kubeconfig: '/k/blue', label: 'local control plane "blue" (https://127.0.0.1:6443)' });
    } finally {
      rmSync(env.FIREDRILL_CLUSTERS_DIR, { recursive: true, force: true });
    }
  });

  it('--kubeconfig FILE is any cluster; it and --cluster together are an input error', () => {
    const file = join(REPO_ROOT, 'package.json');
    expect(resolveClusterTarget({ kubeconfig: file, context: 'c' })).toEqual({ kubeconfig: file, context: 'c', label: `kubeconfig ${file}` });
    expect(() => resolveClusterTarget({ kubeconfig: file, cluster: 'x' })).toThrow(/give one/);
    expect(() => resolveClusterTarget({ kubeconfig: '/no/such/file' })).toThrow(/no such file/);
  });

  it('--cluster and --kubeconfig imply --backend cluster, and are refused with another backend', () => {
    expect(resolveBackend({})).toBe('sim');
    expect(resolveBackend({ cluster: 'firedrill' })).toBe('cluster');
    expect(resolveBackend({ kubeconfig: '/k' })).toBe('cluster');
    expect(resolveBackend({ backend: 'kind' })).toBe('kind');
    expect(() => resolveBackend({ backend: 'local', kubeconfig: '/k' })).toThrow('--kubeconfig is for --backend cluster, not local');
    // On kind, --cluster names the kind cluster and --keep keeps the namespace; a kubeconfig is kind's own.
    expect(resolveBackend({ backend: 'kind', cluster: 'firedrill', keep: true })).toBe('kind');
    expect(() => resolveBackend({ backend: 'kind', kubeconfig: '/k' })).toThrow('--kubeconfig is for --backend cluster: a kind run uses the kubeconfig of the kind cluster --cluster names');
    // --keep with local keeps the Prometheus container; alone it still means the cluster.
    expect(resolveBackend({ backend: 'local', keep: true })).toBe('local');
    expect(resolveBackend({ keep: true })).toBe('cluster');
    expect(() => resolveBackend({ backend: 'sim', keep: true })).toThrow('--keep is for --backend cluster, not sim');
  });
});
