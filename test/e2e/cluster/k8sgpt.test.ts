import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runChildProcess, type ChildProcessRunner } from '../../../src/util/run-child-process.ts';
import { describeK8sGptPin, findK8sGpt } from '../../../src/agents/adapters/k8sgpt/find-k8sgpt.ts';
import { createK8sGptAgent } from '../../../src/agents/adapters/k8sgpt/k8sgpt-agent.ts';
import type { AgentRunContext, Diagnosis, IncidentBundle } from '../../../src/agents/index.ts';
import { callKube, pollUntil, requestKube, type KubeConnection } from '../../../src/world/cluster/control-plane/index.ts';
import { overlayStack } from '../../helpers/agent-stack.ts';
import { describeMissingClusterDrill, describeMissingControlPlane } from '../../helpers/control-plane-binaries.ts';
import { startStandInModel, type StandInModel } from '../../helpers/stand-in-model.ts';
import { useControlPlane } from '../../helpers/use-control-plane.ts';
import { readRunDir, runCliAsync } from '../local/local-runs.ts';

/**
 * The real K8sGPT (the pinned build) against the local control plane, as the `k8sgpt` agent:
 * (a) a namespace with a real problem: a Deployment whose pods ask for more memory than kwok's
 * node has (the real scheduler leaves them Pending) and the Service they leave without endpoints,
 * beside a healthy one; once without AI, once with --explain through the stand-in model (its
 * config in the agent's own dir: the user's home is never touched); (b) an L2 drill whose agent is
 * K8sGPT: the run completes and the scorecard grades what it said. FIREDRILL_K8SGPT_RECORD=DIR
 * keeps each raw `analyze --output json` there (test/fixtures/k8sgpt/ holds the ones recorded).
 * Not in CI's builds: skipped, naming the build command, when the binary is absent.
 */
const PIN = describeK8sGptPin();
const NO_K8SGPT = findK8sGpt() ? undefined : `K8sGPT ${PIN.version} is not built here (${PIN.build}; .ci/run does not build it)`;
const MISSING = NO_K8SGPT ?? describeMissingControlPlane();
const NO_DRILL = describeMissingClusterDrill();
const RECORD = process.env.FIREDRILL_K8SGPT_RECORD;
const NS = 'k8sgpt-seen';
const SERVICES = ['frontend', 'checkout', 'payments', 'ledger'];
// Only what the adapter reads from a bundle: the testbed's services and the deployed one.
const BUNDLE = { topology: { entry: 'frontend', services: SERVICES.map((name) => ({ name, replicas: 1, dependencies: [] })) }, change: { service: 'checkout' } } as unknown as IncidentBundle;

/** A Deployment and its Service, as the testbed names them; `memory`: what each pod requests. */
function workload(name: string, memory: string): Record<string, unknown>[] {
  const labels = { app: name };
  return [
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: NS, labels },
      spec: {
        replicas: 1, selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [{ name, image: 'firedrill/testbed:local', resources: { requests: { memory } } }],
            // kwok's node carries kwok's taint only when kwokctl makes it; tolerate it either way.
            tolerations: [{ key: 'kwok.x-k8s.io/node', operator: 'Exists', effect: 'NoSchedule' }],
          },
        },
      },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: NS, labels }, spec: { selector: labels, ports: [{ port: 8080 }] } },
  ];
}

async function apply(conn: KubeConnection, objects: Record<string, unknown>[]): Promise<void> {
  for (const o of objects) {
    const meta = o.metadata as { name: string };
    const base = o.kind === 'Deployment' ? `/apis/apps/v1/namespaces/${NS}/deployments` : `/api/v1/namespaces/${NS}/services`;
    await callKube(conn, 'PATCH', `${base}/${meta.name}?fieldManager=firedrill-test&force=true`, o, { contentType: 'application/apply-patch+yaml' });
  }
}

/** The agent with the real binary, keeping each raw stdout (and writing it to FIREDRILL_K8SGPT_RECORD). */
function recordingRunner(label: string, raws: string[]): ChildProcessRunner {
  return async (spec) => {
    const r = await runChildProcess(spec);
    raws.push(r.stdout);
    if (RECORD) {
      mkdirSync(RECORD, { recursive: true });
      writeFileSync(join(RECORD, `${label}.json`), r.stdout);
    }
    return r;
  };
}

function contextFor(kubeconfig: string, notes: string[]): AgentRunContext {
  return {
    signal: AbortSignal.timeout(180_000), reportTokens: () => {}, note: (m, d) => void notes.push(d ? `${m} ${JSON.stringify(d)}` : m),
    backend: 'cluster', kube: { kubeconfig, namespace: NS },
  };
}

describe.skipIf(MISSING !== undefined)(`K8sGPT ${PIN.version} (real binary) as an agent on the local control plane${MISSING ? ` (skipped: ${MISSING})` : ''}`, () => {
  const cluster = useControlPlane('k8sgpt');
  const home = mkdtempSync(join(tmpdir(), 'firedrill-k8sgpt-home-'));
  let model: StandInModel | undefined;
  afterAll(async () => {
    await model?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('sees pods the scheduler cannot place and the Service they leave without endpoints: payments, resource exhaustion', async () => {
    const { conn, state } = cluster.plane();
    await callKube(conn, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } }, { accept: [409] });
    // kwok's node has 256Gi: payments asks for 512Gi a pod; ledger is healthy.
    await apply(conn, [...workload('payments', '512Gi'), ...workload('ledger', '64Mi')]);
    await pollUntil('payments Unschedulable and ledger Ready', async () => {
      const pods = (await requestKube<{ items: { metadata: { labels: Record<string, string> }; status: { conditions?: { type: string; status: string; reason?: string }[] } }[] }>(conn, 'GET', `/api/v1/namespaces/${NS}/pods`)).body.items;
      const cond = (app: string, type: string) => pods.find((p) => p.metadata.labels.app === app)?.status.conditions?.find((c) => c.type === type);
      return cond('payments', 'PodScheduled')?.reason === 'Unschedulable' && cond('ledger', 'Ready')?.status === 'True' ? true : undefined;
    }, { timeoutMs: 60_000, everyMs: 500 });

    const raws: string[] = [];
    const notes: string[] = [];
    const began = performance.now();
    // HOME is a fresh dir standing for the user's: K8sGPT must leave it as it was.
    const agent = createK8sGptAgent({}, { run: recordingRunner('unschedulable-payments', raws), env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') } });
    const answer = (await agent.run(BUNDLE, contextFor(state.kubeconfig, notes))) as { diagnosis?: Diagnosis };
    const wallS = (performance.now() - began) / 1000;
    console.log(`k8sgpt analyze on ${NS} (${wallS.toFixed(1)} s):\n${raws[0]}\ndiagnosis: ${JSON.stringify(answer.diagnosis, null, 2)}`);

    const d = answer.diagnosis!;
    expect(d, notes.join('\n')).toMatchObject({ service: 'payments', faultClass: 'resource-exhaustion', summary: expect.stringMatching(/Insufficient memory/) });
    expect(d.evidence).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`^Pod ${NS}/payments-[a-z0-9]+-[a-z0-9]+: 0/1 nodes are available: 1 Insufficient memory`)),
      `Service ${NS}/payments: Service has no endpoints, expected label app=payments`,
    ]));
    expect(d.evidence!.some((e) => e.includes('ledger')), 'the healthy workload has no finding').toBe(false);
    expect(readdirSync(home), "K8sGPT's config and cache went to the agent's own dir").toEqual([]);
  }, 240_000);

  it('with --explain through an AI backend (the stand-in model): each finding explained, the explanation is the summary', async () => {
    model = await startStandInModel((_turn, req) => {
      const prompt = String(req.messages.at(-1)?.content);
      return { content: /Insufficient memory/.test(prompt) ? 'Error: payments pods request more memory than any node has.\nSolution: 1. Lower the memory request. 2. Add a bigger node.' : 'Error: the Service has no ready pods.\nSolution: 1. Fix the pods it selects.' };
    });
    const raws: string[] = [];
    const notes: string[] = [];
    const agent = createK8sGptAgent({ explain: { backend: 'openai', model: 'stand-in', baseUrl: model.url } }, { run: recordingRunner('unschedulable-payments-explained', raws), env: { ...process.env, HOME: home } });
    const answer = (await agent.run(BUNDLE, contextFor(cluster.plane().state.kubeconfig, notes))) as { diagnosis?: Diagnosis };
    const out = JSON.parse(raws[0]) as { provider: string; results: { details: string }[] };
    console.log(`k8sgpt analyze --explain (stand-in model, ${model.requests.length} completions): ${JSON.stringify(answer.diagnosis)}`);
    expect(out.provider).toBe('openai');
    expect(model.requests.length).toBe(out.results.length);
    expect(model.requests[0].model).toBe('stand-in');
    expect(answer.diagnosis, notes.join('\n')).toMatchObject({ service: 'payments', faultClass: 'resource-exhaustion', summary: 'payments pods request more memory than any node has.' });
    expect(readdirSync(home)).toEqual([]);
  }, 240_000);

  it.skipIf(NO_DRILL !== undefined)(`an L2 drill with K8sGPT as its agent completes and its diagnosis is scored${NO_DRILL ? ` (skipped: ${NO_DRILL})` : ''}`, async () => {
    const out = mkdtempSync(join(tmpdir(), 'firedrill-k8sgpt-drill-'));
    const stack = overlayStack('l2', 'l2-k8sgpt', 'agent:\n  use: k8sgpt\n  time: measured\n  timeout: 3m\n');
    const run = await runCliAsync(['run', 'error-spike', '--stack', stack, '--seed', '4', '--cluster', cluster.name, '--time-scale', '15', '--out', out], { env: cluster.env, timeoutMs: 900_000 });
    expect(run.code, run.stderr.slice(-3000)).not.toBe(3);
    const { scorecard, timeline } = await readRunDir(out);
    const namespace = String(timeline.find((e) => e.type === 'world.cluster.started')?.namespace);
    const agentNotes = timeline.filter((e) => e.type === 'agent.note').map((e) => `${String(e.message)}${e.data ? ` ${JSON.stringify(e.data)}` : ''}`);
    console.log(`error-spike x15 at L2 with k8sgpt on the local control plane (${(run.wallMs / 1000).toFixed(0)} s wall, exit ${String(run.code)}):\n  diagnosis ${JSON.stringify(scorecard.diagnosis)}\n  ${agentNotes.join('\n  ')}`);
    expect(scorecard.detection, 'Argo detected the bad canary').not.toBeNull();
    // K8sGPT ran against this run's namespace, and its JSON was read: an answer, graded.
    expect(agentNotes.find((n) => n.startsWith('k8sgpt analyze'))).toContain(`"--namespace","${namespace}"`);
    expect(agentNotes.some((n) => /^k8sgpt: (OK|ProblemDetected), \d+ problems/.test(n))).toBe(true);
    expect(scorecard.diagnosis).toMatchObject({ agent: 'k8sgpt', status: 'answered', quality: expect.stringMatching(/^(exact|partial|wrong|none)$/) });
    expect(await cluster.listRunNamespaces()).toEqual([]);
    rmSync(out, { recursive: true, force: true });
  }, 960_000);
});
