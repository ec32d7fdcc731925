import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callKube, connectKube, findControlPlaneBinaries, isComponentAlive, pollUntil, readClusterState, startControlPlane,
  type ClusterState, type KubeConnection,
} from '../../../src/world/cluster/control-plane/index.ts';
import { InfraError } from '../../../src/util/errors.ts';
import { describeMissingControlPlane } from '../../helpers/control-plane-binaries.ts';
import { CLI } from '../../helpers/paths.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { COMPARISON_CASES } from './comparison-cases.ts';
import { buildCaseSpec, diffOutcomes, runOnArgo, runOnBuiltin, scriptSpec, type RunOutcome } from './analysis-comparison.ts';
import { ScriptedPrometheus } from './scripted-prometheus.ts';

/**
 * The local control plane (clusters/tools/build-go-tools.sh builds it) through the real CLI:
 * `cluster up` ready in under 60 s with the real Argo Rollouts controller, `status`, pods made by
 * kube-controller-manager + kube-scheduler + kwok, every AnalysisTemplate example firedrill accepts
 * run by Argo and by the built-in engine on the same scripted values, then `down` leaving no
 * process, port or directory; and Ctrl-C during `up`.
 */
const MISSING = describeMissingControlPlane();

describe('the local control plane without its binaries', () => {
  it('fails at once, naming what is missing and the build script', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'firedrill-no-tools-'));
    const clusters = mkdtempSync(join(tmpdir(), 'firedrill-clusters-'));
    try {
      const env = { ...process.env, FIREDRILL_TOOLS_DIR: empty, FIREDRILL_CLUSTERS_DIR: clusters };
      const t0 = Date.now();
      const err = await startControlPlane({ name: 'none', env }).catch((e: unknown) => e);
      expect(Date.now() - t0).toBeLessThan(1000);
      expect(err).toBeInstanceOf(InfraError);
      expect((err as InfraError).message).toMatch(/kube-apiserver \(k8s\.io\/kubernetes@v1\.\d+\.\d+\).*rollouts-controller/);
      expect((err as InfraError).hint).toContain('clusters/tools/build-go-tools.sh kubernetes');
      expect(readdirSync(clusters)).toEqual([]);
      const cli = runCli(['cluster', 'up', '--name', 'none'], { env });
      expect(cli.code).toBe(3);
      expect(cli.stderr).toContain('build-go-tools.sh');
    } finally {
      rmSync(empty, { recursive: true, force: true });
      rmSync(clusters, { recursive: true, force: true });
    }
  });
});

describe.skipIf(MISSING !== undefined)(`the local control plane${MISSING ? ` (skipped: ${MISSING})` : ''}`, () => {
  const clustersDir = mkdtempSync(join(tmpdir(), 'firedrill-clusters-'));
  const env = { ...process.env, FIREDRILL_CLUSTERS_DIR: clustersDir };
  let upMs = 0;
  let state: ClusterState;
  let conn: KubeConnection;

  beforeAll(() => {
    const t0 = Date.now();
    const up = runCli(['cluster', 'up', '--name', 'e2e'], { env });
    upMs = Date.now() - t0;
    if (up.code !== 0) throw new Error(`cluster up failed (${up.code}):\n${up.stderr}`);
    state = readClusterState(join(clustersDir, 'e2e'))!;
    conn = connectKube(state.server, state.pki);
  }, 150_000);

  afterAll(() => {
    // Normally the `down` test already did this; after a failure it cleans up.
    if (state && existsSync(state.dir)) runCli(['cluster', 'down', '--name', 'e2e'], { env });
    rmSync(clustersDir, { recursive: true, force: true });
  });

  it('`cluster up` is ready in under 60 s with the Argo Rollouts controller running', () => {
    process.stdout.write(`cluster up: ${(upMs / 1000).toFixed(1)} s through the CLI (ready after ${((state.readyMs ?? 0) / 1000).toFixed(1)} s)\n`);
    expect(upMs).toBeLessThan(60_000);
    expect(state.components.map((c) => c.binary).sort()).toEqual(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok', 'rollouts-controller']);
    expect(state.components.every(isComponentAlive)).toBe(true);
    expect(readFileSync(state.kubeconfig, 'utf8')).toContain(`server: https://127.0.0.1:${state.ports.apiserver}`);
  });

  it('`cluster status` shows each process, the versions, and ready', () => {
    const status = runCli(['cluster', 'status', '--name', 'e2e'], { env });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/cluster "e2e": ready/);
    expect(status.stdout).toMatch(/API server version v1\.\d+\.\d+; node Ready; Argo Rollouts controller healthy/);
    expect(status.stdout).toMatch(/rollouts-controller +running \(pid \d+\) +github\.com\/argoproj\/argo-rollouts@v\d/);
    expect(status.stdout).toMatch(/etcd +running \(pid \d+\) +go\.etcd\.io\/etcd\/server\/v3@v3\.6/);
  });

  it('turns a ReplicaSet into Ready pods (controller-manager, scheduler, kwok)', async () => {
    const labels = { app: 'smoke' };
    await callKube(conn, 'POST', '/apis/apps/v1/namespaces/default/replicasets', {
      metadata: { name: 'smoke' },
      spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'firedrill.invalid/testbed:1' }] } } },
    });
    const ready = await pollUntil('2 Ready pods', async () => {
      const { body } = await callKube<{ items: { status?: { conditions?: { type: string; status: string }[] } }[] }>(conn, 'GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dsmoke');
      const n = body.items.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
      return n === 2 ? n : undefined;
    }, { timeoutMs: 30_000 });
    expect(ready).toBe(2);
  }, 40_000);

  it('runs every accepted AnalysisTemplate example the same on the real Argo controller and the built-in engine', async () => {
    const prom = new ScriptedPrometheus();
    await prom.start();
    try {
      const results = await Promise.all(
        COMPARISON_CASES.map(async (c) => {
          const spec = buildCaseSpec(c);
          const [argo, builtin] = await Promise.all([
            runOnArgo(conn, `cmp-${c.id}`, scriptSpec(spec, c, 'argo', prom), 60_000),
            runOnBuiltin(`cmp-${c.id}`, scriptSpec(spec, c, 'builtin', prom), 60_000),
          ]);
          return { c, argo, builtin, diffs: diffOutcomes(argo, builtin) };
        }),
      );
      process.stdout.write(`${formatComparison(results)}\n`);
      for (const r of results) expect(r.diffs, `${r.c.id} (${r.c.file} ${r.c.template})`).toEqual([]);
      // Every case ran a measurement on both sides (a run that never measured proves nothing).
      for (const r of results) expect(r.argo.metrics.every((m) => m.count > 0), r.c.id).toBe(true);
    } finally {
      await prom.stop();
    }
  }, 90_000);

  it('`cluster down` leaves no process, port or directory', async () => {
    const down = runCli(['cluster', 'down', '--name', 'e2e'], { env });
    expect(down.code, down.stderr).toBe(0);
    expect(state.components.filter(isComponentAlive)).toEqual([]);
    for (const port of Object.values(state.ports)) expect(await isListening(port), `port ${port}`).toBe(false);
    expect(existsSync(state.dir)).toBe(false);
    expect(listProcessesMentioning(clustersDir)).toEqual([]);
  }, 30_000);

  it('Ctrl-C during `cluster up` stops what it started and removes its state', async () => {
    const child = spawn(process.execPath, [CLI, 'cluster', 'up', '--name', 'interrupted'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Once the API server runs, several components are up: the interesting moment to stop.
    await pollUntil('kube-apiserver to be started', async () => (/kube-apiserver ready/.test(stderr) ? true : undefined), { timeoutMs: 60_000, everyMs: 50 });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(3);
    expect(stderr).toMatch(/interrupted/);
    expect(existsSync(join(clustersDir, 'interrupted'))).toBe(false);
    expect(listProcessesMentioning(join(clustersDir, 'interrupted'))).toEqual([]);
  }, 90_000);
});

type Compared = { c: { id: string; file: string; template: string }; argo: RunOutcome; builtin: RunOutcome; diffs: string[] };

function formatComparison(results: Compared[]): string {
  const lines = ['case | example | argo phase | builtin phase | measurements (argo/builtin) | same'];
  for (const r of results) {
    const count = (o: RunOutcome): string => o.metrics.map((m) => `${m.name}:${m.measurements.length}`).join(' ');
    lines.push(`${r.c.id} | ${r.c.file} ${r.c.template} | ${r.argo.phase} | ${r.builtin.phase} | ${count(r.argo)} / ${count(r.builtin)} | ${r.diffs.length === 0 ? 'yes' : r.diffs.join('; ')}`);
  }
  return lines.join('\n');
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Pids whose command line mentions `text` (the state dir is in every component's arguments). */
function listProcessesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}
