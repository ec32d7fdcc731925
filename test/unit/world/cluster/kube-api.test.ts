import { describe, expect, it } from 'vitest';
import { connectKube } from '../../../../src/world/cluster/kube/connect-kube.ts';
import { KubeApiError } from '../../../../src/world/cluster/kube/kube-api.ts';
import { RESOURCES } from '../../../../src/world/cluster/kube/kube-object.ts';
import { UserInputError } from '../../../../src/util/errors.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeKubeServer } from './fake-kube-server.ts';
import { connectToStandIn, makeTestCertificates, ROLLOUTS, useStandIn } from './kube-test-setup.ts';

describe('KubeApi over @kubernetes/client-node (against the stand-in API server)', () => {
  const s = useStandIn();

  it('takes the namespace and the bearer token from the kubeconfig context', async () => {
    expect(s.api.defaultNamespace).toBe('shop');
    await s.api.get({ resource: RESOURCES.Rollout, namespace: 'shop', name: 'checkout' });
    expect(s.fake.requests[0]).toMatchObject({ method: 'GET', path: `${ROLLOUTS}/checkout`, authorization: 'Bearer stand-in-token' });
  });

  it('get: undefined for an object that does not exist; errors keep their HTTP status', async () => {
    expect(await s.api.get({ resource: RESOURCES.Rollout, namespace: 'shop', name: 'nope' })).toBeUndefined();
    const err = await s.api.patch({ resource: RESOURCES.Rollout, namespace: 'shop', name: 'nope' }, { type: 'merge', body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeApiError);
    expect((err as KubeApiError).status).toBe(404);
    expect((err as KubeApiError).exitCode).toBe(3);
  });

  it('apply is a forced server-side apply by field manager firedrill, at the object path', async () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'checkout-stable', namespace: 'shop' }, spec: { selector: { app: 'checkout' } } };
    const stored = await s.api.apply(svc);
    expect(stored.metadata.name).toBe('checkout-stable');
    expect(s.fake.requests[0]).toMatchObject({
      method: 'PATCH', path: '/api/v1/namespaces/shop/services/checkout-stable', query: { fieldManager: 'firedrill', force: 'true' },
      contentType: 'application/apply-patch+yaml', body: svc,
    });
    await s.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    expect(s.fake.requests[1].path).toBe('/api/v1/namespaces/shop');
  });

  it('refuses to apply a kind it does not know the resource of', async () => {
    await expect(s.api.apply({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'x' } })).rejects.toBeInstanceOf(UserInputError);
  });

  it('list gives self-describing objects and passes the label selector', async () => {
    s.fake.put(ROLLOUTS, { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'a', labels: { app: 'a' } } });
    s.fake.put(ROLLOUTS, { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'b', labels: { app: 'b' } } });
    const items = await s.api.list(RESOURCES.Rollout, 'shop', 'app=b');
    expect(items.map((o) => [o.kind, o.apiVersion, o.metadata.name])).toEqual([['Rollout', 'argoproj.io/v1alpha1', 'b']]);
    expect(s.fake.requests.at(-1)?.query).toEqual({ labelSelector: 'app=b' });
  });

  it('watch streams the current objects, then changes, until stopped', async () => {
    s.fake.put(ROLLOUTS, { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'a' } });
    const seen: string[] = [];
    let ended = false;
    const handle = await s.api.watch(RESOURCES.Rollout, 'shop', (c) => seen.push(`${c.type} ${c.object.metadata.name}`), () => { ended = true; });
    s.fake.put(ROLLOUTS, { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'a' }, spec: { paused: true } });
    await expect.poll(() => seen).toEqual(['ADDED a', 'MODIFIED a']);
    handle.stop();
    expect(ended).toBe(false);
  });

  it('says what is wrong with a kubeconfig it cannot read', async () => {
    await expect(connectKube({ kubeconfig: '/nonexistent/kubeconfig' })).rejects.toThrow(/cannot read kubeconfig \/nonexistent\/kubeconfig/);
  });

  it('an unreachable server is an infrastructure error with a hint', async () => {
    const { api: other, cleanup: close } = await connectToStandIn();
    await close();
    const err = await other.get({ resource: RESOURCES.Rollout, namespace: 'shop', name: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeApiError);
    expect((err as KubeApiError).message).toMatch(/cannot reach the Kubernetes API at http:\/\/127\.0\.0\.1:\d+/);
  });
});

describe('KubeApi over TLS with client certificates (the kubeconfig kind and the local control plane write)', () => {
  it('verifies the server by the kubeconfig\'s CA and presents the client certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-tls-'));
    const certs = makeTestCertificates(dir);
    if (!certs) {
      rmSync(dir, { recursive: true, force: true });
      console.warn('skipped: openssl is not available to make test certificates');
      return;
    }
    const fake = await startFakeKubeServer(certs);
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const kubeconfig = (ca: string) => {
      const file = join(dir, `kubeconfig-${ca.length}`);
      writeFileSync(file, JSON.stringify({
        apiVersion: 'v1', kind: 'Config', 'current-context': 'tls',
        clusters: [{ name: 'tls', cluster: { server: fake.url, 'certificate-authority-data': b64(ca) } }],
        users: [{ name: 'admin', user: { 'client-certificate-data': b64(certs.clientCert), 'client-key-data': b64(certs.clientKey) } }],
        contexts: [{ name: 'tls', context: { cluster: 'tls', user: 'admin' } }],
      }));
      return file;
    };
    try {
      const api = await connectKube({ kubeconfig: kubeconfig(certs.ca) });
      expect(api.defaultNamespace).toBe('default');
      fake.put('/apis/argoproj.io/v1alpha1/namespaces/default/rollouts', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'r' } });
      expect((await api.get({ resource: RESOURCES.Rollout, namespace: 'default', name: 'r' }))?.metadata.name).toBe('r');
      // A server the CA did not sign is refused.
      const wrongCa = await connectKube({ kubeconfig: kubeconfig(certs.clientCert + '\n') });
      await expect(wrongCa.get({ resource: RESOURCES.Rollout, namespace: 'default', name: 'r' })).rejects.toThrow(/cannot reach the Kubernetes API/);
    } finally {
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
