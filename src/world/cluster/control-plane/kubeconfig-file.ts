import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import type { ClusterPki } from './cluster-pki.ts';

/** A kubeconfig for the admin client (file paths, not inline data, so kubectl users can read it). */
export async function writeKubeconfig(path: string, opts: { name: string; server: string; pki: ClusterPki }): Promise<void> {
  const context = `firedrill-${opts.name}`;
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: context, cluster: { server: opts.server, 'certificate-authority': opts.pki.caCert } }],
    users: [{ name: context, user: { 'client-certificate': opts.pki.adminCert, 'client-key': opts.pki.adminKey } }],
    contexts: [{ name: context, context: { cluster: context, user: context, namespace: 'default' } }],
    'current-context': context,
  };
  await writeFile(path, stringify(doc), { mode: 0o600 });
}
