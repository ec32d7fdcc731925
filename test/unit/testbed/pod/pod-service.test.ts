import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeepAliveAgent, requestJson } from '../../../../src/testbed/process/http-json.ts';
import { readPodOptions } from '../../../../src/testbed/pod/pod-options.ts';
import { REPO_ROOT } from '../../../helpers/paths.ts';
import { runPodToExit, spawnPod, type PodProcess } from './spawn-pod.ts';

const CHARGE = JSON.stringify({ cartId: 'c1', amount: 12.5, items: [{ sku: 'a', qty: 1, price: 12.5 }] });

/**
 * The testbed image's pod entry as real processes on 127.0.0.1: payments (commit p2) calling
 * ledger (commit l1) through the address its FIREDRILL_ROUTERS names, as pods call their
 * dependencies' routers in kind.
 */
describe('testbed pod entry (real processes)', () => {
  const agent = createKeepAliveAgent();
  let ledger: PodProcess;
  let payments: PodProcess;

  beforeAll(async () => {
    ledger = await spawnPod({ FIREDRILL_SERVICE: 'ledger', FIREDRILL_COMMIT: 'l1', HOSTNAME: 'ledger-abc' });
    payments = await spawnPod({ FIREDRILL_SERVICE: 'payments', FIREDRILL_COMMIT: 'p2', HOSTNAME: 'payments-xyz', FIREDRILL_ROUTERS: `ledger=127.0.0.1:${ledger.port}` });
  }, 60_000);
  afterAll(async () => {
    agent.destroy();
    await Promise.all([payments?.stop(), ledger?.stop()]);
  });

  it('serves its service and names every pod the request went through in x-firedrill-served', async () => {
    const answer = await requestJson(agent, payments.port, { method: 'POST', path: '/charge', body: CHARGE, headers: { 'x-firedrill-request': 'u1' } });
    expect(answer.status).toBe(200);
    expect(answer.headers?.['x-firedrill-served']).toBe('payments@p2,ledger@l1');
    // The next request starts clean: nothing of u1's path is left over.
    const again = await requestJson(agent, ledger.port, { method: 'POST', path: '/record', body: '{"amount":1}', headers: { 'x-firedrill-request': 'u2' } });
    expect(again.headers?.['x-firedrill-served']).toBe('ledger@l1');
  });

  it('exports the runtime\'s series on /metrics for the in-cluster Prometheus', async () => {
    const page = await requestJson(agent, payments.port, { method: 'GET', path: '/metrics', responseType: 'text' });
    expect(page.body).toMatch(/http_requests_total\{service="payments",version="stable",route="\/charge",code="200"\} [1-9]/);
    expect(page.body).toMatch(/dependency_requests_total\{service="payments",version="stable",target="ledger",outcome="success"\} [1-9]/);
    expect(page.body).toMatch(/service_workers\{service="payments",version="stable"\} \d+/);
  });

  it('a dependency it cannot reach is the runtime\'s failed call, not a crash', async () => {
    const orphan = await spawnPod({ FIREDRILL_SERVICE: 'payments', FIREDRILL_COMMIT: 'p3', FIREDRILL_ROUTERS: 'ledger=127.0.0.1:1' });
    try {
      const answer = await requestJson(agent, orphan.port, { method: 'POST', path: '/charge', body: CHARGE, headers: { 'x-firedrill-request': 'u3' } });
      expect(answer.status).toBeGreaterThanOrEqual(500);
      expect(answer.headers?.['x-firedrill-served']).toBe('payments@p3');
    } finally {
      await orphan.stop();
    }
  }, 30_000);

  it('exits 1 with the reason when its code does not load (the crash loop kubectl shows)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-pod-'));
    try {
      cpSync(resolve(REPO_ROOT, 'scenarios/testbed/services/ledger'), join(dir, 'services/ledger'), { recursive: true });
      writeFileSync(join(dir, 'services/ledger/handler.js'), 'export const routes = {;\n');
      const { code, stderr } = await runPodToExit({ FIREDRILL_SERVICE: 'ledger', FIREDRILL_COMMIT: 'bad', FIREDRILL_CODE_DIR: dir });
      expect(code).toBe(1);
      expect(stderr).toMatch(/testbed pod: service ledger: handler.js does not load/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('reads its environment, reporting every problem at once', () => {
    expect(() => readPodOptions({ FIREDRILL_PORT: 'x', FIREDRILL_ROUTERS: 'ledger' })).toThrow(
      /FIREDRILL_SERVICE is not set; FIREDRILL_COMMIT is not set; FIREDRILL_PORT=x is not a port; FIREDRILL_ROUTERS: "ledger" is not service=host:port/,
    );
    const o = readPodOptions({ FIREDRILL_SERVICE: 'checkout', FIREDRILL_COMMIT: 'abc', FIREDRILL_ROUTERS: 'payments=payments:80,ledger=ledger.shop.svc:80', HOSTNAME: 'checkout-1' });
    expect(o).toMatchObject({ codeDir: '/opt/firedrill/code', listenHost: '0.0.0.0', port: 8080, routers: { payments: { host: 'payments', port: 80 }, ledger: { host: 'ledger.shop.svc', port: 80 } } });
    expect(o.seed).toBe(readPodOptions({ FIREDRILL_SERVICE: 'x', FIREDRILL_COMMIT: 'y', HOSTNAME: 'checkout-1' }).seed);
    expect(o.seed).not.toBe(readPodOptions({ FIREDRILL_SERVICE: 'x', FIREDRILL_COMMIT: 'y', HOSTNAME: 'checkout-2' }).seed);
  });
});
