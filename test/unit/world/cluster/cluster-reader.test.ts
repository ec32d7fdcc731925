import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BudgetMeter } from '../../../../src/agents/budget.ts';
import type { IncidentView, LogQuery } from '../../../../src/agents/toolbox/incident-view.ts';
import { startToolbox, type Toolbox } from '../../../../src/agents/toolbox/toolbox-server.ts';
import { ClusterReader } from '../../../../src/world/cluster/kube/cluster-reader.ts';
import type { KubeObject } from '../../../../src/world/cluster/kube/kube-object.ts';
import { HAS_SHARED, SHARED_DIR } from '../../../helpers/paths.ts';
import type { FakeKubeServer } from './fake-kube-server.ts';
import { ANALYSISRUNS, REPLICASETS, ROLLOUTS, useStandIn } from './kube-test-setup.ts';

/**
 * The agents' kubectl reads against the stand-in API server, through the toolbox's HTTP tools (the
 * way an agent calls them). The Rollout and AnalysisRun are Argo's recorded objects (an aborted
 * canary whose background analysis failed); its ReplicaSets, pods and Events are made here the way
 * the controller and kwok make them.
 */
const DIR = resolve(SHARED_DIR, 'conformance/argo/recorded');
const PODS = '/api/v1/namespaces/shop/pods';
const EVENTS = '/api/v1/namespaces/shop/events';
const ROLLOUT = 'rollout-background-analysis';
const owner = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: ROLLOUT, controller: true };

function readRecorded(file: string): KubeObject {
  const obj = parse(readFileSync(resolve(DIR, file), 'utf8')) as KubeObject;
  obj.metadata.namespace = 'shop';
  return obj;
}

function putReplicaSet(fake: FakeKubeServer, hash: string, revision: string, replicas: number): void {
  fake.put(REPLICASETS, {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name: `${ROLLOUT}-${hash}`, namespace: 'shop', labels: { 'rollouts-pod-template-hash': hash }, annotations: { 'rollout.argoproj.io/revision': revision }, ownerReferences: [owner] },
    spec: { replicas }, status: { replicas, readyReplicas: replicas, availableReplicas: replicas },
  });
  if (replicas > 0) {
    fake.put(PODS, {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: `${ROLLOUT}-${hash}-abcde`, namespace: 'shop', labels: { 'rollouts-pod-template-hash': hash }, annotations: { 'firedrill.dev/commit': `${hash}0000000000000` } },
      spec: { containers: [{ name: 'app', image: 'argoproj/rollouts-demo:yellow', env: [{ name: 'API_TOKEN', value: 'hunter2' }] }] },
      status: { phase: 'Running', containerStatuses: [{ name: 'app', ready: true }] },
    });
  }
}

function putEvent(fake: FakeKubeServer, name: string, about: { kind: string; name: string }, reason: string, message: string, at: string): void {
  fake.put(EVENTS, {
    apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'shop' },
    involvedObject: { ...about, namespace: 'shop' }, reason, message, type: reason === 'RolloutAborted' ? 'Warning' : 'Normal', count: 1,
    firstTimestamp: at, lastTimestamp: at, source: { component: 'rollouts-controller' },
  });
}

/** An incident view whose only live part is the cluster (and a log store that records what was asked). */
function clusterView(reads: ClusterReader, asked: LogQuery[]): IncidentView {
  const unused = (): never => {
    throw new Error('not used by this test');
  };
  return {
    backend: 'cluster', cluster: reads, clock: { now: () => 0, sleep: unused } as unknown as IncidentView['clock'], metrics: { instant: unused, range: unused } as unknown as IncidentView['metrics'],
    logs: (q) => {
      asked.push(q);
      return [{ t: 1, service: q.service ?? '', version: q.version ?? 'stable', level: 'error', message: 'boom' }] as ReturnType<IncidentView['logs']>;
    },
    diff: () => '', fileAt: unused, listFiles: unused, rollout: () => reads.rolloutView(), events: () => [], topology: unused,
  };
}

async function withTools(reads: ClusterReader, body: (get: (path: string) => Promise<{ status: number; body: any }>, asked: LogQuery[]) => Promise<void>): Promise<void> {
  const asked: LogQuery[] = [];
  const tb: Toolbox = await startToolbox({ view: clusterView(reads, asked), meter: new BudgetMeter({}) });
  try {
    await body(async (path) => {
      const res = await fetch(`${tb.url}${path}`, { headers: { authorization: `Bearer ${tb.token}` } });
      return { status: res.status, body: await res.json() };
    }, asked);
  } finally {
    await tb.stop();
  }
}

describe('the toolbox on the cluster backend: kubectl reads of the run\'s namespace', () => {
  const ctx = useStandIn();

  it('redacts credentials, drops managedFields and last-applied, and reads only (GET) in the run\'s namespace', async () => {
    ctx.fake.put(ROLLOUTS, {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout',
      metadata: { name: 'checkout', namespace: 'shop', managedFields: [{ manager: 'firedrill' }], annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"token":"x"}', team: 'payments' } },
      spec: { template: { spec: { containers: [{ name: 'app', image: 'firedrill/testbed:local', env: [
        { name: 'DB_PASSWORD', value: 'p4ss' }, { name: 'KUBECONFIG_DATA', value: 'apiVersion: v1' }, { name: 'LOG_LEVEL', value: 'info' },
        { name: 'CA', value: '-----BEGIN CERTIFICATE-----\nMIIB' }] }] } } },
      status: { phase: 'Healthy' },
    });
    await withTools(new ClusterReader(ctx.api, 'shop', 'checkout'), async (get) => {
      const { status, body } = await get('/tools/kube/get?kind=ro&name=checkout');
      expect(status).toBe(200);
      const [ro] = body.items;
      expect(ro.metadata.managedFields).toBeUndefined();
      expect(ro.metadata.annotations).toEqual({ team: 'payments' });
      expect(ro.spec.template.spec.containers[0].env.map((e: { value: string }) => e.value)).toEqual(['[redacted]', '[redacted]', 'info', '[redacted]']);
      expect(JSON.stringify(body)).not.toMatch(/p4ss|BEGIN CERT/);
      expect((await get('/tools/kube/get?kind=secrets')).status).toBe(400);
      expect((await get('/tools/kube/get?kind=rollout&name=nope')).status).toBe(404);
    });
    expect(ctx.fake.requests.every((r) => r.method === 'GET' && r.path.includes('/namespaces/shop/'))).toBe(true);
  });

  it('caps a long event list at 64 KiB, keeping the newest, and says how many were left out', async () => {
    for (let i = 0; i < 400; i++) {
      putEvent(ctx.fake, `ev-${String(i).padStart(3, '0')}`, { kind: 'Rollout', name: 'checkout' }, 'Noise', `event ${i} ${'x'.repeat(300)}`, `2026-01-01T00:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`);
    }
    await withTools(new ClusterReader(ctx.api, 'shop', 'checkout'), async (get) => {
      const { body } = await get('/tools/kube/events');
      expect(body.total).toBe(400);
      expect(Buffer.byteLength(JSON.stringify(body.events))).toBeLessThanOrEqual(64 * 1024 + 2);
      expect(body.events.length).toBeLessThan(400);
      expect(body.events.at(-1).message).toMatch(/^event 399 /);
      expect(body.truncated).toMatch(/oldest of 400 left out/);
    });
  });

  if (!HAS_SHARED) {
    it.skip(`skipped: ${SHARED_DIR} is absent (the recorded Argo objects live beside the checkout)`, () => {});
    return;
  }

  function putAbortedCanary(fake: FakeKubeServer): void {
    fake.put(ROLLOUTS, readRecorded('rollout-aborted_rollout.yaml'));
    const run = readRecorded('rollout-aborted_analysisrun.yaml');
    fake.put(ANALYSISRUNS, { ...run, metadata: { ...run.metadata, managedFields: [{ manager: 'rollouts-controller' }] } });
    putReplicaSet(fake, '7d84d44bb8', '1', 1);
    putReplicaSet(fake, 'db976bc44', '2', 0);
    putEvent(fake, 'e2', { kind: 'Rollout', name: ROLLOUT }, 'RolloutAborted', 'Rollout aborted update to revision 2: metric "web" assessed Failed', '2020-09-22T09:10:05Z');
    putEvent(fake, 'e1', { kind: 'Rollout', name: ROLLOUT }, 'AnalysisRunFailed', 'Analysis Run \'rollout-background-analysis-db976bc44-2\' Status New: \'Failed\'', '2020-09-22T09:10:04Z');
    putEvent(fake, 'e3', { kind: 'Pod', name: `${ROLLOUT}-7d84d44bb8-abcde` }, 'Scheduled', 'Successfully assigned shop/pod to kwok-node-0', '2020-09-22T09:09:47Z');
  }

  it('argo_rollouts_get: the aborted canary as `kubectl argo rollouts get rollout` shows it', async () => {
    putAbortedCanary(ctx.fake);
    await withTools(new ClusterReader(ctx.api, 'shop', ROLLOUT), async (get) => {
      const { status, body } = await get('/tools/kube/rollout');
      expect(status).toBe(200);
      expect(body).toMatchObject({
        name: ROLLOUT, namespace: 'shop', status: 'Degraded', message: 'RolloutAborted: metric "web" assessed Failed due to failed (1) > failureLimit (0)',
        strategy: 'Canary', step: '0/2', setWeight: 10, images: ['argoproj/rollouts-demo:yellow'], replicas: { desired: 1, current: 1, ready: 1, available: 1 },
      });
      expect(body.revisions.map((r: { revision: string }) => r.revision)).toEqual(['2', '1']);
      expect(body.revisions[0]).toEqual({
        revision: '2',
        replicaSets: [{ name: `${ROLLOUT}-db976bc44`, hash: 'db976bc44', roles: ['canary'], status: 'ScaledDown', replicas: 0, ready: 0, pods: [] }],
        analysisRuns: [{ name: 'rollout-background-analysis-db976bc44-2', status: 'Failed', successful: 0, failed: 1, error: 0, inconclusive: 0 }],
      });
      expect(body.revisions[1].replicaSets[0]).toMatchObject({ roles: ['stable'], status: 'Healthy', pods: [{ name: `${ROLLOUT}-7d84d44bb8-abcde`, status: 'Running', ready: '1/1' }] });
      expect((await get('/tools/kube/rollout?name=other')).status).toBe(404);
    });
  });

  it('get_rollout answers from the API server: the real controller\'s AnalysisRun with its measurements', async () => {
    putAbortedCanary(ctx.fake);
    await withTools(new ClusterReader(ctx.api, 'shop', ROLLOUT), async (get) => {
      const { body } = await get('/tools/rollout');
      expect(body.rollout.status.abort).toBe(true);
      expect(body.analysisRuns).toHaveLength(1);
      expect(body.analysisRuns[0].metadata.managedFields).toBeUndefined();
      expect(body.analysisRuns[0].status.metricResults[0].measurements).toEqual([{ finishedAt: '2020-09-22T09:10:04Z', phase: 'Failed', startedAt: '2020-09-22T09:10:04Z', value: 'false' }]);
    });
  });

  it('kube_describe and kube_events: the object with the Events about it, oldest first', async () => {
    putAbortedCanary(ctx.fake);
    await withTools(new ClusterReader(ctx.api, 'shop', ROLLOUT), async (get) => {
      const described = (await get(`/tools/kube/describe?kind=rollout&name=${ROLLOUT}`)).body;
      expect(described.object.kind).toBe('Rollout');
      expect(described.events.map((e: { reason: string }) => e.reason)).toEqual(['AnalysisRunFailed', 'RolloutAborted']);
      expect(described.events[1]).toMatchObject({ type: 'Warning', object: `Rollout/${ROLLOUT}`, from: 'rollouts-controller', count: 1 });
      const all = (await get('/tools/kube/events')).body;
      expect(all.events.map((e: { reason: string }) => e.reason)).toEqual(['Scheduled', 'AnalysisRunFailed', 'RolloutAborted']);
      expect((await get('/tools/kube/events?kind=pod')).body.events).toHaveLength(1);
      expect((await get('/tools/kube/get?kind=rs')).body.items.map((o: KubeObject) => o.metadata.name)).toEqual([`${ROLLOUT}-7d84d44bb8`, `${ROLLOUT}-db976bc44`]);
    });
  });

  it('kube_logs: a pod\'s lines are the process it stands for, and the answer says so', async () => {
    putAbortedCanary(ctx.fake);
    await withTools(new ClusterReader(ctx.api, 'shop', ROLLOUT), async (get, asked) => {
      const { status, body } = await get(`/tools/kube/logs?pod=${ROLLOUT}-7d84d44bb8-abcde&grep=boom&limit=5`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ service: ROLLOUT, version: 'stable', pod: `${ROLLOUT}-7d84d44bb8-abcde` });
      expect(body.source).toMatch(/stable process of rollout-background-analysis \(commit 7d84d44bb800\).*kwok's and run nothing/);
      expect(body.lines).toHaveLength(1);
      expect(asked).toEqual([{ service: ROLLOUT, version: 'stable', grep: 'boom', limit: 5 }]);
      expect((await get('/tools/kube/logs?pod=ghost')).status).toBe(404);
      expect((await get(`/tools/kube/logs?service=${ROLLOUT}&version=canary`)).body).toMatchObject({ version: 'canary', source: expect.stringMatching(/process logs of/) });
      expect((await get('/tools/kube/logs')).status).toBe(400);
    });
  });
});
