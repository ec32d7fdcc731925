import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { InfraError } from '../../util/errors.ts';
import { packageRoot } from '../../util/package-root.ts';
import { readArray, readAt, readString } from '../../rollout/spec/raw-access.ts';
import { isNotFound, type KubeApi } from './kube/kube-api.ts';
import { findResource, RESOURCES, type KubeObject } from './kube/kube-object.ts';

const VIRTUAL_SERVICE_CRD = 'virtualservices.networking.istio.io';

/**
 * The objects of one drill: the deployed service's Rollout with the Services and VirtualService
 * it names, and every analysis template. The other services' Rollouts stay out: their revisions
 * never change in a drill (the local backend runs them as plain processes), and their events are
 * not the deployed Rollout's.
 */
export function selectDrillObjects(objects: KubeObject[], service: string): KubeObject[] {
  const rollout = objects.find((o) => o.kind === 'Rollout' && o.metadata.name === service);
  if (!rollout) throw new InfraError(`the stack's manifests have no Rollout named "${service}" (the deployed service)`);
  const canary = readAt(rollout, ['spec', 'strategy', 'canary']);
  const services = new Set([readString(canary, ['canaryService']), readString(canary, ['stableService'])]);
  const istio = readAt(canary, ['trafficRouting', 'istio']);
  const routes = new Set([readString(istio, ['virtualService', 'name']), ...readArray(istio, ['virtualServices']).map((v) => readString(v, ['name']))]);
  return objects.filter((o) =>
    o.kind === 'Namespace' || o.kind.endsWith('AnalysisTemplate') || o === rollout
    || (o.kind === 'Service' && services.has(o.metadata.name)) || (o.kind === 'VirtualService' && routes.has(o.metadata.name)));
}

/**
 * Argo's Istio reconciler needs the VirtualService kind to be served. A control plane without
 * Istio gets clusters/kind's open-schema stand-in CRD (the kind path installs the same file); it
 * is cluster infrastructure like Argo's own CRDs, so it stays after the run.
 */
export async function ensureVirtualServiceCrd(api: KubeApi, timeoutMs: number): Promise<boolean> {
  const ref = { resource: RESOURCES.CustomResourceDefinition, name: VIRTUAL_SERVICE_CRD };
  if (isEstablished(await api.get(ref))) return false;
  const crd = parse(readFileSync(join(packageRoot(), 'clusters', 'kind', 'istio-virtual-service-crd.yaml'), 'utf8')) as KubeObject;
  await api.apply(crd);
  await waitFor(`CRD ${VIRTUAL_SERVICE_CRD} Established`, timeoutMs, async () => isEstablished(await api.get(ref)));
  return true;
}

function isEstablished(crd: KubeObject | undefined): boolean {
  return readArray(crd, ['status', 'conditions']).some((c) => readString(c, ['type']) === 'Established' && readString(c, ['status']) === 'True');
}

/** Applies the objects in order (server-side apply), each by its own resource. */
export async function applyObjects(api: KubeApi, objects: KubeObject[]): Promise<void> {
  for (const obj of objects) {
    findResource(obj);
    await api.apply(obj);
  }
}

/** Until Argo has made the first revision stable: its pods (kwok's) available, the Rollout Healthy. */
export async function waitForHealthyRollout(api: KubeApi, namespace: string, name: string, timeoutMs: number, signal?: AbortSignal): Promise<KubeObject> {
  const ref = { resource: RESOURCES.Rollout, namespace, name };
  let last: KubeObject | undefined;
  await waitFor(`Rollout ${namespace}/${name} Healthy (the Argo controller running, kwok's pods ready)`, timeoutMs, async () => {
    last = await api.get(ref);
    // Argo refused the spec: waiting longer changes nothing.
    const invalid = readArray(last, ['status', 'conditions']).find((c) => readString(c, ['type']) === 'InvalidSpec' && readString(c, ['status']) === 'True');
    if (invalid) throw new InfraError(`the Argo controller refused Rollout ${namespace}/${name}: ${readString(invalid, ['message'])}`, { hint: 'the stack\'s Rollout YAML, as applied: `--keep` leaves it in the cluster' });
    return readString(last, ['status', 'phase']) === 'Healthy' && readString(last, ['status', 'stableRS']) !== undefined;
  }, signal, () => `its status: ${JSON.stringify(readAt(last, ['status']) ?? 'none')}`);
  return last!;
}

/** Deletes the run's namespace (Argo's objects and kwok's pods go with it) and waits until it is gone. */
export async function deleteNamespace(api: KubeApi, namespace: string, timeoutMs: number): Promise<void> {
  const ref = { resource: RESOURCES.Namespace, name: namespace };
  try {
    await api.delete(ref);
  } catch (err) {
    if (isNotFound(err)) return;
    throw err;
  }
  await waitFor(`namespace ${namespace} deleted`, timeoutMs, async () => (await api.get(ref)) === undefined);
}

async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>, signal?: AbortSignal, detail?: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    if (await check()) return;
    if (Date.now() > deadline) {
      throw new InfraError(`timed out after ${timeoutMs / 1000} s waiting for ${what}${detail ? `; ${detail()}` : ''}`, {
        hint: 'is the Argo Rollouts controller running? `firedrill cluster status` shows each process',
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
