import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStack } from '../../../../src/scenario/load-stack.ts';
import { COMMIT_ANNOTATION, planDeployPatch, renderClusterObjects, type ClusterObjectsInput } from '../../../../src/world/cluster/manifests/cluster-objects.ts';
import type { KubeObject } from '../../../../src/world/cluster/kube/kube-object.ts';
import { REPO_ROOT } from '../../../helpers/paths.ts';
import { CRD_DIR, HAS_CRDS, validateObject } from './validate-objects.ts';

const TESTBED = resolve(REPO_ROOT, 'scenarios/testbed/deploy/k8s');
const text = (file: string) => ({ file, text: readFileSync(file, 'utf8') });
const PROM = 'http://prometheus.monitoring.svc.cluster.local:9090';

async function inputFor(stackName: string): Promise<ClusterObjectsInput> {
  const stack = await loadStack(resolve(REPO_ROOT, `scenarios/stacks/${stackName}.yaml`));
  return {
    namespace: 'drill-1', stackManifests: stack.rolloutManifests.map(text),
    testbedManifests: ['services.yaml', 'virtual-services.yaml', 'ingress.yaml'].map((f) => text(resolve(TESTBED, f))),
    image: 'firedrill/testbed:0.1.0', prometheusAddress: PROM, commit: 'c0ffee1', labels: { 'firedrill.dev/run': 'r1' },
  };
}

const byKind = (objects: KubeObject[], kind: string) => objects.filter((o) => o.kind === kind);

describe('the objects a cluster run applies', () => {
  it('keep the stack\'s Rollouts as written, with only image, labels, commit and namespace filled in', async () => {
    const input = await inputFor('l1');
    const { objects, skipped } = renderClusterObjects(input);
    expect(objects.map((o) => o.kind).filter((k, i, a) => a.indexOf(k) === i)).toEqual(['Namespace', 'Service', 'VirtualService', 'AnalysisTemplate', 'Rollout']);
    expect(skipped).toEqual([`${resolve(TESTBED, 'ingress.yaml')}: Ingress/shop`]);
    const [checkout] = byKind(objects, 'Rollout').filter((r) => r.metadata.name === 'checkout');
    const original = (await import('yaml')).parseAllDocuments(input.stackManifests[0].text).map((d) => d.toJS()).find((d) => d.metadata.name === 'checkout');
    // Everything but the filled-in fields is the stack's own.
    const stripped = structuredClone(checkout) as Record<string, any>;
    delete stripped.metadata.namespace;
    delete stripped.metadata.labels['firedrill.dev/run'];
    delete stripped.spec.template.metadata.annotations;
    for (const c of stripped.spec.template.spec.containers) {
      expect(c.image).toBe('firedrill/testbed:0.1.0');
      c.image = original.spec.template.spec.containers[0].image;
      expect(c.env).toEqual([
        { name: 'FIREDRILL_SERVICE', value: 'checkout' },
        { name: 'FIREDRILL_COMMIT', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMMIT_ANNOTATION}']` } } },
      ]);
      delete c.env;
    }
    expect(stripped).toEqual(original);
    expect(checkout.metadata).toMatchObject({ namespace: 'drill-1', labels: { app: 'checkout', 'firedrill.dev/run': 'r1' } });
    expect(planDeployPatch('bad1234')).toEqual({ spec: { template: { metadata: { annotations: { [COMMIT_ANNOTATION]: 'bad1234' } } } } });
  });

  it('point every Prometheus metric at the given address', async () => {
    const { objects } = renderClusterObjects({ ...(await inputFor('l1')), prometheusAddress: 'http://127.0.0.1:9091' });
    const addresses = byKind(objects, 'AnalysisTemplate').flatMap((t) => (t.spec as { metrics: { provider: { prometheus?: { address: string } } }[] }).metrics.map((m) => m.provider.prometheus?.address));
    expect(addresses.length).toBeGreaterThan(0);
    expect(new Set(addresses)).toEqual(new Set(['http://127.0.0.1:9091']));
  });

  describe('validated against the Argo CRDs and the Kubernetes schemas', () => {
    if (!HAS_CRDS) {
      it.skip(`skipped: ${CRD_DIR} is absent (Argo's CRDs live in the shared conformance data beside the checkout)`, () => {});
      return;
    }
    for (const stackName of ['l1', 'l1-error-rate', 'l1-latency']) {
      it(`every object of stack ${stackName} is valid (VirtualServices unchecked: no Istio schema here)`, async () => {
        const { objects } = renderClusterObjects(await inputFor(stackName));
        const results = objects.map((o) => [o.kind, validateObject(o)] as const);
        expect(results.filter(([, r]) => r !== 'unchecked').flatMap(([, r]) => r)).toEqual([]);
        expect([...new Set(results.filter(([, r]) => r === 'unchecked').map(([k]) => k))]).toEqual(['VirtualService']);
        expect(results.filter(([, r]) => r !== 'unchecked').length).toBe(objects.length - 4);
      });
    }

    it('the validation finds real mistakes (it can fail)', async () => {
      const { objects } = renderClusterObjects(await inputFor('l1'));
      const rollout = structuredClone(byKind(objects, 'Rollout')[0]) as Record<string, any>;
      rollout.spec.replicas = 'three';
      rollout.spec.strategy.canary.stepz = [];
      const service = structuredClone(byKind(objects, 'Service')[0]) as Record<string, any>;
      service.spec.ports[0].port = 'http';
      const template = structuredClone(byKind(objects, 'AnalysisTemplate')[0]) as Record<string, any>;
      template.spec.metrics[0].interval = 30;
      expect(validateObject(rollout as KubeObject)).toEqual(expect.arrayContaining([
        expect.stringMatching(/\/spec\/replicas must be integer/), expect.stringMatching(/\/spec\/strategy\/canary must NOT have additional properties \(stepz\)/),
      ]));
      expect(validateObject(service as KubeObject)).toEqual([expect.stringMatching(/port/)]);
      expect(validateObject(template as KubeObject)).toEqual([expect.stringMatching(/\/spec\/metrics\/0\/interval must be string/)]);
    });
  });
});
