import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadStack } from '../../../../src/scenario/load-stack.ts';
import { createKeepAliveAgent, requestJson } from '../../../../src/testbed/process/http-json.ts';
import { readServiceFiles } from '../../../../src/world/cluster/kind/service-files.ts';
import type { KubeObject } from '../../../../src/world/cluster/kube/kube-object.ts';
import { COMMIT_ANNOTATION, codeConfigMapName, planKindDeployPatch, renderClusterObjects, renderKindObjects } from '../../../../src/world/cluster/manifests/index.ts';
import { REPO_ROOT } from '../../../helpers/paths.ts';
import { spawnPod } from '../../testbed/pod/spawn-pod.ts';
import { CRD_DIR, HAS_CRDS, validateObject } from './validate-objects.ts';

const TESTBED = resolve(REPO_ROOT, 'scenarios/testbed');
const SERVICES = ['frontend', 'checkout', 'payments', 'ledger'];
const text = (file: string) => ({ file, text: readFileSync(file, 'utf8') });

async function renderFor(stackName: string): Promise<KubeObject[]> {
  const stack = await loadStack(resolve(REPO_ROOT, `scenarios/stacks/${stackName}.yaml`));
  const { objects } = renderClusterObjects({
    namespace: 'drill-1', stackManifests: stack.rolloutManifests.map(text),
    testbedManifests: ['services.yaml', 'virtual-services.yaml'].map((f) => text(resolve(TESTBED, 'deploy/k8s', f))),
    image: 'firedrill/testbed:0.1.0', prometheusAddress: 'http://prometheus.monitoring.svc.cluster.local:9090', commit: 'c0ffee1234567890', labels: { 'firedrill.dev/run': 'r1' },
  });
  const code = new Map(await Promise.all(SERVICES.map(async (s) => [s, await readServiceFiles(TESTBED, s)] as const)));
  return renderKindObjects(objects, { namespace: 'drill-1', image: 'firedrill/testbed:0.1.0', labels: { 'firedrill.dev/run': 'r1' }, commit: 'c0ffee1234567890', code });
}

/** A JSON merge patch (RFC 7386), as the API server applies planKindDeployPatch: objects merge, lists are replaced. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) out[k] = v === null ? undefined : mergePatch(out[k], v);
  return out;
}

const find = (objects: KubeObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)!;
type Container = { env: { name: string; value?: string }[]; volumeMounts: { mountPath: string }[]; command: string[] };

describe('the objects a kind run applies', () => {
  it('every Rollout runs the pod entry with its code at the commit from a ConfigMap, behind a router stand-in', async () => {
    const objects = await renderFor('l1');
    expect(objects[0].kind).toBe('Namespace');
    const checkout = find(objects, 'Rollout', 'checkout') as KubeObject & { spec: { template: { spec: { volumes: unknown[]; containers: Container[] } } } };
    expect(checkout.spec.template.spec.volumes).toEqual([{ name: 'code', configMap: { name: 'code-checkout-c0ffee123456' } }]);
    const [c] = checkout.spec.template.spec.containers;
    expect(c.command).toEqual(['node', 'dist/testbed/pod/pod-main.js']);
    expect(c.volumeMounts[0].mountPath).toBe('/opt/firedrill/code/services/checkout');
    expect(c.env.find((e) => e.name === 'FIREDRILL_ROUTERS')?.value).toBe('frontend=frontend:80,checkout=checkout:80,payments=payments:80,ledger=ledger:80');
    const code = find(objects, 'ConfigMap', codeConfigMapName('checkout', 'c0ffee1234567890')) as KubeObject & { data: Record<string, string> };
    expect(Object.keys(code.data)).toEqual(['config.json', 'handler.js', 'shipping.js', 'tax.js']);
    expect(code.data['handler.js']).toBe(readFileSync(resolve(TESTBED, 'services/checkout/handler.js'), 'utf8'));
    const router = find(objects, 'Deployment', 'checkout-router') as KubeObject & { spec: { template: { spec: { serviceAccountName: string; containers: Container[] } } } };
    expect(Object.fromEntries(router.spec.template.spec.containers[0].env.map((e) => [e.name, e.value]))).toMatchObject({
      FIREDRILL_SERVICE: 'checkout', FIREDRILL_VIRTUAL_SERVICE: 'checkout', FIREDRILL_ROUTE: 'primary', FIREDRILL_STABLE_SERVICE: 'checkout-stable', FIREDRILL_CANARY_SERVICE: 'checkout-canary',
    });
    expect(find(objects, 'Service', 'checkout')).toMatchObject({ spec: { selector: { 'firedrill.dev/router': 'checkout' }, ports: [{ port: 80, targetPort: 'route' }] } });
    expect(find(objects, 'Role', 'firedrill-router')).toMatchObject({ rules: [{ apiGroups: ['networking.istio.io'], resources: ['virtualservices'], verbs: ['get'] }] });
    // Everything a pod references exists before the Rollout that makes it.
    const index = (kind: string, name: string) => objects.indexOf(find(objects, kind, name));
    expect(index('ConfigMap', 'code-checkout-c0ffee123456')).toBeLessThan(index('Rollout', 'checkout'));
    expect(index('RoleBinding', 'firedrill-router')).toBeLessThan(index('Deployment', 'checkout-router'));
  });

  it('a deploy patch names the new commit and its ConfigMap together', async () => {
    const objects = await renderFor('l1');
    const patched = mergePatch(find(objects, 'Rollout', 'payments'), planKindDeployPatch('payments', 'bad0123456789abc')) as KubeObject & { spec: { template: { metadata: { annotations: Record<string, string>; labels: Record<string, string> }; spec: { volumes: unknown[]; containers: unknown[] } } } };
    expect(patched.spec.template.metadata.annotations[COMMIT_ANNOTATION]).toBe('bad0123456789abc');
    expect(patched.spec.template.metadata.labels).toEqual({ app: 'payments' });
    expect(patched.spec.template.spec.volumes).toEqual([{ name: 'code', configMap: { name: 'code-payments-bad012345678' } }]);
    expect(patched.spec.template.spec.containers).toHaveLength(1);
    if (HAS_CRDS) expect(validateObject(patched)).toEqual([]);
  });

  describe('validated against the Argo CRDs and the Kubernetes schemas', () => {
    if (!HAS_CRDS) {
      it.skip(`skipped: ${CRD_DIR} is absent`, () => {});
      return;
    }
    for (const stackName of ['l1', 'l1-error-rate', 'l1-latency']) {
      it(`every object of stack ${stackName} on kind is valid (VirtualServices unchecked: no Istio schema here)`, async () => {
        const objects = await renderFor(stackName);
        const results = objects.map((o) => [`${o.kind}/${o.metadata.name}`, validateObject(o)] as const);
        expect(results.filter(([, r]) => r !== 'unchecked').flatMap(([, r]) => r)).toEqual([]);
        expect(new Set(results.filter(([, r]) => r === 'unchecked').map(([k]) => k.split('/')[0]))).toEqual(new Set(['VirtualService']));
        expect(new Set(objects.map((o) => o.kind))).toEqual(new Set(['Namespace', 'ServiceAccount', 'Role', 'RoleBinding', 'ConfigMap', 'Service', 'VirtualService', 'AnalysisTemplate', 'Rollout', 'Deployment']));
      });
    }

    it('the validation sees a broken kind object (it can fail)', async () => {
      const objects = await renderFor('l1');
      const deployment = structuredClone(find(objects, 'Deployment', 'ledger-router')) as Record<string, any>;
      deployment.spec.template.spec.containers[0].ports[0].containerPort = 'eighty';
      const config = structuredClone(find(objects, 'ConfigMap', codeConfigMapName('ledger', 'c0ffee1234567890'))) as Record<string, any>;
      config.data['handler.js'] = 42;
      expect(validateObject(deployment as KubeObject)).toEqual([expect.stringMatching(/containerPort/)]);
      expect(validateObject(config as KubeObject)).toEqual([expect.stringMatching(/data/)]);
    });
  });

  describe('what a pod of that template runs (the kubelet\'s part done by the test)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-kind-pod-'));
    const agent = createKeepAliveAgent();
    afterAll(() => {
      agent.destroy();
      rmSync(dir, { recursive: true, force: true });
    });

    it('the ConfigMap mounted where the template says and the template\'s environment start the pod entry serving ledger', async () => {
      const objects = await renderFor('l1');
      const rollout = find(objects, 'Rollout', 'ledger') as KubeObject & { spec: { template: { metadata: { annotations: Record<string, string> }; spec: { containers: Container[] } } } };
      const [container] = rollout.spec.template.spec.containers;
      const config = find(objects, 'ConfigMap', codeConfigMapName('ledger', 'c0ffee1234567890')) as KubeObject & { data: Record<string, string> };
      const mount = join(dir, container.volumeMounts[0].mountPath);
      mkdirSync(mount, { recursive: true });
      for (const [name, body] of Object.entries(config.data)) writeFileSync(join(mount, name), body);
      const env = Object.fromEntries(container.env.filter((e) => e.value !== undefined).map((e) => [e.name, e.value!]));
      const pod = await spawnPod({ ...env, FIREDRILL_COMMIT: rollout.spec.template.metadata.annotations[COMMIT_ANNOTATION], FIREDRILL_CODE_DIR: join(dir, '/opt/firedrill/code') });
      try {
        const answer = await requestJson(agent, pod.port, { method: 'POST', path: '/record', body: '{"amount":3}', headers: { 'x-firedrill-request': 'k1' } });
        expect(answer.status).toBe(200);
        expect(answer.headers?.['x-firedrill-served']).toBe('ledger@c0ffee1234567890');
      } finally {
        await pod.stop();
      }
    }, 30_000);
  });
});
