import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { overlayStack } from '../../helpers/agent-stack.ts';
import { describeMissingClusterDrill } from '../../helpers/control-plane-binaries.ts';
import { useControlPlane } from '../../helpers/use-control-plane.ts';
import { runCliAsync } from '../local/local-runs.ts';

/**
 * An L2 agent's toolbox on the local control plane: error-spike at l2 with a `command:` agent that
 * does what an SRE does first (get_rollout, `kubectl argo rollouts get rollout`, get pods, events)
 * and keeps the answers. The AnalysisRun it reads must be the real controller's: an API-server uid,
 * owned by the Rollout, with the measurements Argo took (its phase is whatever Argo decided by the
 * time the agent looked: at this scale a timing detail). CI budget 60 s: the drill is stopped
 * with Ctrl-C once the agent has read (x45: only what the controller wrote matters here, not
 * timing; the fidelity test covers that), which also checks that a stopped run deletes its namespace.
 */
const MISSING = describeMissingClusterDrill();
const SCALE = 45;

describe.skipIf(MISSING !== undefined)(`an L2 agent reads the cluster through its toolbox${MISSING ? ` (skipped: ${MISSING})` : ''}`, () => {
  const cluster = useControlPlane('toolbox-reads');
  const { env, name: NAME } = cluster;
  const work = mkdtempSync(join(tmpdir(), 'firedrill-toolbox-reads-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("get_rollout returns the real controller's AnalysisRun; the kubectl tools see its Rollout, pods and events", async () => {
    const seen = join(work, 'seen.json');
    const agent = join(work, 'sre-agent.mjs');
    writeFileSync(agent, `#!/usr/bin/env node
      for await (const _ of process.stdin);
      const call = async (path) => {
        const res = await fetch(process.env.FIREDRILL_TOOLBOX_URL + path, { headers: { authorization: 'Bearer ' + process.env.FIREDRILL_TOOLBOX_TOKEN } });
        return { status: res.status, body: await res.json() };
      };
      const seen = {};
      // A page can come before the canary's AnalysisRun exists (a busy machine's baseline): look again, as an SRE would.
      for (let i = 0; i < 30; i++) {
        seen.rollout = await call('/tools/rollout');
        if (seen.rollout.body.analysisRuns?.length) break;
        await new Promise((r) => setTimeout(r, 1000));
      }
      for (const [k, p] of Object.entries({ runs: '/tools/kube/get?kind=ar', tree: '/tools/kube/rollout', pods: '/tools/kube/get?kind=pods', events: '/tools/kube/events?kind=Rollout' })) seen[k] = await call(p);
      seen.logs = await call('/tools/kube/logs?pod=' + (seen.pods.body.items?.[0]?.metadata?.name ?? 'none') + '&limit=3');
      (await import('node:fs')).writeFileSync(${JSON.stringify(seen)}, JSON.stringify(seen));
      console.log(JSON.stringify({ diagnosis: { service: 'checkout', faultClass: 'code-defect', summary: 'the canary 5xx: the AnalysisRun failed' } }));
    `);
    chmodSync(agent, 0o755);
    const stack = overlayStack('l2', 'l2-sre-agent', `agent:\n  use: "command:${agent}"\n  timeout: 90s\n`);
    const out = join(work, 'run');
    const began = performance.now();
    const stop = new AbortController();
    const poll = setInterval(() => existsSync(seen) && stop.abort(), 200);
    const run = await runCliAsync(['run', 'error-spike', '--stack', stack, '--seed', '4', '--cluster', NAME, '--time-scale', String(SCALE), '--out', out], { env, timeoutMs: 150_000, stop: stop.signal });
    clearInterval(poll);
    const wallS = (performance.now() - began) / 1000;
    expect(existsSync(seen), `the agent never ran (exit ${String(run.code)}): ${run.stderr.slice(-2000)}`).toBe(true);
    const s = JSON.parse(readFileSync(seen, 'utf8'));
    console.log(`toolbox reads on the local control plane: drill stopped after ${wallS.toFixed(0)} s wall at x${SCALE} (exit ${String(run.code)}); tools answered ${Object.entries(s).map(([k, v]) => `${k} ${(v as { status: number }).status}`).join(', ')}`);
    expect(await cluster.listRunNamespaces(), 'the stopped run deleted its namespace').toEqual([]);

    expect(s.rollout.status).toBe(200);
    const runs = s.rollout.body.analysisRuns;
    expect(runs.length).toBeGreaterThanOrEqual(1);
    const failed = runs.at(-1);
    // Written by the API server and the controller, never by the built-in engine.
    expect(failed.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(failed.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Rollout', name: 'checkout', controller: true })]);
    expect(failed.status.metricResults.some((m: any) => m.measurements.length > 0)).toBe(true);
    expect(failed.metadata.managedFields).toBeUndefined();

    expect(s.tree.status).toBe(200);
    expect(s.tree.body).toMatchObject({ name: 'checkout', strategy: 'Canary' });
    const treeRuns = s.tree.body.revisions.flatMap((r: any) => r.analysisRuns);
    expect(treeRuns).toContainEqual(expect.objectContaining({ name: failed.metadata.name, status: failed.status.phase }));
    expect(s.pods.status).toBe(200);
    expect(s.pods.body.items.length).toBeGreaterThan(0);
    expect(s.events.status).toBe(200);
    expect(s.events.body.events.map((e: any) => e.reason)).toContain('AnalysisRunRunning');
    expect(s.logs.status).toBe(200);
    expect(s.logs.body.source).toMatch(/kwok's and run nothing/);
  }, 240_000);
});
