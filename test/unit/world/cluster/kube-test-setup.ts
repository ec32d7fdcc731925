import { afterEach, beforeEach } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectKube } from '../../../../src/world/cluster/kube/connect-kube.ts';
import type { KubeApi } from '../../../../src/world/cluster/kube/kube-api.ts';
import { startFakeKubeServer, type FakeKubeServer } from './fake-kube-server.ts';

/** A kubeconfig (token user, namespace `shop`; plain HTTP, which client-node allows only with insecure-skip-tls-verify) pointing at the stand-in API server, connected through client-node. */
export async function connectToStandIn(): Promise<{ fake: FakeKubeServer; api: KubeApi; cleanup: () => Promise<void> }> {
  const fake = await startFakeKubeServer();
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-kube-'));
  const file = join(dir, 'kubeconfig');
  writeFileSync(file, [
    'apiVersion: v1', 'kind: Config', 'current-context: stand-in',
    'clusters: [{name: stand-in, cluster: {server: "' + fake.url + '", insecure-skip-tls-verify: true}}]',
    'users: [{name: tester, user: {token: stand-in-token}}]',
    'contexts: [{name: stand-in, context: {cluster: stand-in, user: tester, namespace: shop}}]', '',
  ].join('\n'));
  const api = await connectKube({ kubeconfig: file });
  return { fake, api, cleanup: async () => { await fake.close(); rmSync(dir, { recursive: true, force: true }); } };
}

export const ROLLOUTS = '/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts';
export const REPLICASETS = '/apis/apps/v1/namespaces/shop/replicasets';
export const ANALYSISRUNS = '/apis/argoproj.io/v1alpha1/namespaces/shop/analysisruns';

/** A fresh stand-in and connection for each test of the calling describe block. */
export function useStandIn(): { fake: FakeKubeServer; api: KubeApi } {
  const ctx = {} as { fake: FakeKubeServer; api: KubeApi };
  let cleanup = async (): Promise<void> => {};
  beforeEach(async () => {
    const c = await connectToStandIn();
    Object.assign(ctx, { fake: c.fake, api: c.api });
    cleanup = c.cleanup;
  });
  afterEach(async () => cleanup());
  return ctx;
}
