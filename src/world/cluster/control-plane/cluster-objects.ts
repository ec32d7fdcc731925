import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { callKube, requestKube, type KubeConnection } from './kube-http.ts';

export const KWOK_NODE = 'kwok-node-0';

/** Server-side apply of each CRD file (as `kubectl apply --server-side` would); returns their names. */
export async function applyCrds(conn: KubeConnection, files: string[]): Promise<string[]> {
  return Promise.all(
    files.map(async (file) => {
      const crd = parse(await readFile(file, 'utf8')) as { metadata: { name: string } };
      const path = `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}?fieldManager=firedrill&force=true`;
      await callKube(conn, 'PATCH', path, crd, { contentType: 'application/apply-patch+yaml' });
      return crd.metadata.name;
    }),
  );
}

/** True once the API server serves the CRD (condition Established). */
export async function isCrdEstablished(conn: KubeConnection, name: string): Promise<boolean> {
  const { status, body } = await requestKube<{ status?: { conditions?: { type: string; status: string }[] } }>(conn, 'GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`);
  return status === 200 && (body.status?.conditions ?? []).some((c) => c.type === 'Established' && c.status === 'True');
}

/**
 * The fake node whose pods kwok runs: capacity for the testbed's replicas, and kwok's own
 * annotation and labels so tools that look for kwok nodes find it.
 */
export async function createKwokNode(conn: KubeConnection): Promise<void> {
  const capacity = { cpu: '32', memory: '256Gi', pods: '250' };
  const node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: KWOK_NODE, annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' }, labels: { type: 'kwok', 'kubernetes.io/hostname': KWOK_NODE, 'kubernetes.io/os': 'linux' } },
    spec: {},
    status: { capacity, allocatable: capacity },
  };
  await callKube(conn, 'POST', '/api/v1/nodes', node, { accept: [409] });
}

export async function isNodeReady(conn: KubeConnection, name: string): Promise<boolean> {
  const { status, body } = await requestKube<{ status?: { conditions?: { type: string; status: string }[] } }>(conn, 'GET', `/api/v1/nodes/${name}`);
  return status === 200 && (body.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The service account kube-controller-manager creates in every namespace (pods need it to be admitted). */
export async function hasDefaultServiceAccount(conn: KubeConnection, namespace = 'default'): Promise<boolean> {
  return (await requestKube(conn, 'GET', `/api/v1/namespaces/${namespace}/serviceaccounts/default`)).status === 200;
}
