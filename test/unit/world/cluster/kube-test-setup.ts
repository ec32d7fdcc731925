import { afterEach, beforeEach } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectKube } from '../../../../src/world/cluster/kube/connect-kube.ts';
import type { KubeApi } from '../../../../src/world/cluster/kube/kube-api.ts';
import { startFakeKubeServer, type FakeKubeServer, type FakeTls } from './fake-kube-server.ts';

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

/**
 * A CA, a server certificate for 127.0.0.1 and a client certificate (CN firedrill, O system:masters),
 * made with openssl: what a kubeconfig of kind or the local control plane holds. undefined without openssl.
 */
export function makeTestCertificates(dir: string): (FakeTls & { clientCert: string; clientKey: string }) | undefined {
  const ssl = (args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  try {
    ssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=stand-in-ca']);
    for (const [name, subj, ext] of [['server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1'], ['client', '/O=system:masters/CN=firedrill', 'extendedKeyUsage=clientAuth']]) {
      ssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subj]);
      writeFileSync(join(dir, `${name}.ext`), `${ext}\n`);
      ssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '1', '-extfile', `${name}.ext`]);
    }
  } catch {
    return undefined;
  }
  const read = (f: string): string => readFileSync(join(dir, f), 'utf8');
  return { ca: read('ca.crt'), cert: read('server.crt'), key: read('server.key'), clientCert: read('client.crt'), clientKey: read('client.key') };
}
