import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeepAliveAgent, requestJson } from '../../../../src/testbed/process/http-json.ts';
import { readCanaryWeight, readRouterOptions, startRouterStandIn, type RouterStandIn } from '../../../../src/world/cluster/router/index.ts';
import { spawnPod, type PodProcess } from '../../testbed/pod/spawn-pod.ts';
import { connectToStandIn } from './kube-test-setup.ts';
import type { FakeKubeServer } from './fake-kube-server.ts';

const VIRTUAL_SERVICES = '/apis/networking.istio.io/v1beta1/namespaces/shop/virtualservices';

/** The VirtualService as the testbed ships it, with the weights Argo would have written. */
function virtualService(stable: number, canary: number) {
  return {
    apiVersion: 'networking.istio.io/v1beta1', kind: 'VirtualService', metadata: { name: 'ledger', namespace: 'shop' },
    spec: { hosts: ['ledger'], http: [{ name: 'primary', route: [{ destination: { host: 'ledger-stable' }, weight: stable }, { destination: { host: 'ledger-canary' }, weight: canary }] }] },
  };
}

describe('readCanaryWeight', () => {
  it('reads the named route\'s canary share, short or qualified hosts, and nothing when there is no route', () => {
    expect(readCanaryWeight(virtualService(80, 20), 'primary', 'ledger-canary')).toBe(20);
    const fqdn = virtualService(1, 3);
    fqdn.spec.http[0].route[1].destination.host = 'ledger-canary.shop.svc.cluster.local';
    expect(readCanaryWeight(fqdn, 'primary', 'ledger-canary')).toBe(75);
    expect(readCanaryWeight({ ...virtualService(0, 0), spec: { http: [{ name: 'other', route: [{ destination: { host: 'ledger-canary' } }] }] } }, 'primary', 'ledger-canary')).toBe(100);
    expect(readCanaryWeight(undefined, 'primary', 'ledger-canary')).toBeUndefined();
  });

  it('takes the router\'s settings from its Deployment\'s environment', () => {
    expect(() => readRouterOptions({ FIREDRILL_SERVICE: 'ledger' })).toThrow(/FIREDRILL_NAMESPACE, FIREDRILL_STABLE_SERVICE, FIREDRILL_CANARY_SERVICE not set/);
    expect(readRouterOptions({ FIREDRILL_SERVICE: 'ledger', FIREDRILL_NAMESPACE: 'shop', FIREDRILL_STABLE_SERVICE: 'ledger-stable', FIREDRILL_CANARY_SERVICE: 'ledger-canary' })).toMatchObject({
      virtualService: 'ledger', route: 'primary', port: 8080, listenHost: '0.0.0.0',
      backends: { stable: { host: 'ledger-stable', port: 80 }, canary: { host: 'ledger-canary', port: 80 } },
    });
  });
});

/**
 * The stand-in for Istio's data plane, for real: ledger's router in front of two ledger pods
 * (commits l1 and l2, the pod entry as processes), reading the VirtualService from an API server
 * (the test's stand-in server, through client-node as in a pod), and payments' pod calling ledger
 * through it. Which pod served is read from the answers' x-firedrill-served header.
 */
describe('router stand-in (real processes)', () => {
  const agent = createKeepAliveAgent();
  let stable: PodProcess;
  let canary: PodProcess;
  let payments: PodProcess;
  let standIn: RouterStandIn;
  let fake: FakeKubeServer;
  let cleanup = async (): Promise<void> => {};

  beforeAll(async () => {
    const c = await connectToStandIn();
    fake = c.fake;
    cleanup = c.cleanup;
    fake.put(VIRTUAL_SERVICES, virtualService(100, 0));
    [stable, canary] = await Promise.all([
      spawnPod({ FIREDRILL_SERVICE: 'ledger', FIREDRILL_COMMIT: 'l1' }), spawnPod({ FIREDRILL_SERVICE: 'ledger', FIREDRILL_COMMIT: 'l2' }),
    ]);
    standIn = await startRouterStandIn({
      service: 'ledger', namespace: 'shop', virtualService: 'ledger', route: 'primary', canaryService: 'ledger-canary',
      backends: { stable: { host: '127.0.0.1', port: stable.port }, canary: { host: '127.0.0.1', port: canary.port } },
      listenHost: '127.0.0.1', port: 0, pollMs: 50,
    }, c.api, () => {});
    await standIn.synced;
    payments = await spawnPod({ FIREDRILL_SERVICE: 'payments', FIREDRILL_COMMIT: 'p1', FIREDRILL_ROUTERS: `ledger=127.0.0.1:${standIn.router.port}` });
  }, 60_000);
  afterAll(async () => {
    agent.destroy();
    await standIn?.stop();
    await Promise.all([stable?.stop(), canary?.stop(), payments?.stop()]);
    await cleanup();
  });

  async function servedLedgers(n: number): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    // Six side by side (payments works 150 ms per charge; its one replica has six workers).
    const answers = [];
    for (let i = 0; i < n; i += 6) {
      answers.push(...await Promise.all(Array.from({ length: Math.min(6, n - i) }, (_, j) =>
        requestJson(agent, payments.port, { method: 'POST', path: '/charge', body: '{"amount":5}', headers: { 'x-firedrill-request': `r${i + j}` } }))));
    }
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      const ledger = String(answer.headers?.['x-firedrill-served']).split(',').find((s) => s.startsWith('ledger@'))!;
      counts[ledger] = (counts[ledger] ?? 0) + 1;
    }
    return counts;
  }

  const followed = (weight: number) => expect.poll(() => standIn.router.canaryWeight, { timeout: 5_000, interval: 20 }).toBe(weight);

  it('follows the weight Argo writes into the VirtualService: 0, 50, 100, back to 0 on abort', async () => {
    expect(await servedLedgers(20)).toEqual({ 'ledger@l1': 20 });
    fake.put(VIRTUAL_SERVICES, virtualService(50, 50));
    await followed(50);
    const half = await servedLedgers(60);
    expect(half['ledger@l1']).toBeGreaterThan(15);
    expect(half['ledger@l2']).toBeGreaterThan(15);
    fake.put(VIRTUAL_SERVICES, virtualService(0, 100));
    await followed(100);
    expect(await servedLedgers(20)).toEqual({ 'ledger@l2': 20 });
    fake.put(VIRTUAL_SERVICES, virtualService(100, 0));
    await followed(0);
    expect(await servedLedgers(20)).toEqual({ 'ledger@l1': 20 });
  }, 60_000);
});
