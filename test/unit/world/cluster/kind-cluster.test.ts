import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { checkKindTools } from '../../../../src/world/cluster/kind/check-kind-tools.ts';
import { createExecaRunner, formatCommand, type CommandResult, type CommandRunner, type CommandSpec } from '../../../../src/world/cluster/kind/command-runner.ts';
import { resolveKindOptions } from '../../../../src/world/cluster/kind/kind-options.ts';
import { planKindCluster } from '../../../../src/world/cluster/kind/plan-kind-cluster.ts';
import { downKindCluster, upKindCluster } from '../../../../src/world/cluster/kind/up-kind-cluster.ts';
import { InfraError } from '../../../../src/util/errors.ts';
import type { KubeObject } from '../../../../src/world/cluster/kube/kube-object.ts';
import { REPO_ROOT } from '../../../helpers/paths.ts';
import { validateObject } from './validate-objects.ts';

const OPTS = resolveKindOptions({ packageRoot: '/pkg', kubeconfig: '/tmp/fd/kubeconfig', image: 'firedrill/testbed:0.1.0' });
const ALL_TOOLS = (name: string) => `/usr/bin/${name}`;

/** A recording runner: answers by the first rule whose pattern matches the command line; exit 0 otherwise. */
function scriptedRunner(rules: [RegExp, Partial<CommandResult>][] = []): CommandRunner & { calls: string[] } {
  const calls: string[] = [];
  const run = async (spec: CommandSpec): Promise<CommandResult> => {
    const line = formatCommand(spec);
    calls.push(line);
    const rule = rules.find(([re]) => re.test(line));
    return { exitCode: 0, stdout: '', stderr: '', timedOut: false, ...rule?.[1] };
  };
  return Object.assign(run, { calls });
}

describe('firedrill cluster up --kind: the command plan (through an injected runner)', () => {
  it('creates the cluster: image built first, then kind, the installs and the readiness waits', async () => {
    const run = scriptedRunner([[/^kind get clusters/, { stdout: 'other\n' }]]);
    const lines: string[] = [];
    const cluster = await upKindCluster(run, OPTS, { find: ALL_TOOLS, log: (l) => lines.push(l) });
    const ctx = '--kubeconfig /tmp/fd/kubeconfig --context kind-firedrill';
    expect(run.calls).toEqual([
      "docker info --format '{{.ServerVersion}}'",
      'kind get clusters',
      'docker build -t firedrill/testbed:0.1.0 -f /pkg/clusters/kind/Dockerfile /pkg',
      'kind create cluster --name firedrill --config /pkg/clusters/kind/kind-config.yaml --kubeconfig /tmp/fd/kubeconfig --wait 60s',
      'kind load docker-image firedrill/testbed:0.1.0 --name firedrill',
      `kubectl ${ctx} apply -f /pkg/clusters/kind/platform.yaml`,
      `kubectl ${ctx} apply --server-side --force-conflicts -n argo-rollouts -f /pkg/clusters/kind/argo-rollouts/install.yaml`,
      `kubectl ${ctx} apply -f /pkg/clusters/kind/istio-virtual-service-crd.yaml`,
      `kubectl ${ctx} apply -f /pkg/clusters/kind/prometheus.yaml`,
      `kubectl ${ctx} wait --for=condition=Established crd/rollouts.argoproj.io crd/analysisruns.argoproj.io crd/analysistemplates.argoproj.io crd/virtualservices.networking.istio.io --timeout=180s`,
      `kubectl ${ctx} -n argo-rollouts rollout status deployment/argo-rollouts --timeout=180s`,
      `kubectl ${ctx} -n monitoring rollout status deployment/prometheus --timeout=180s`,
    ]);
    expect(cluster).toEqual({
      name: 'firedrill', kubeconfig: '/tmp/fd/kubeconfig', context: 'kind-firedrill', reused: false, argoRollouts: 'v1.10.1',
      prometheusAddress: 'http://prometheus.monitoring.svc.cluster.local:9090',
    });
    expect(lines).toHaveLength(10);
    expect(lines[1]).toMatch(/^create kind cluster firedrill \.\.\. \d+\.\d s$/);
  });

  it('reuses an existing cluster of that name: exports its kubeconfig instead of creating it', async () => {
    const run = scriptedRunner([[/^kind get clusters/, { stdout: 'firedrill\n' }]]);
    expect((await upKindCluster(run, OPTS, { find: ALL_TOOLS })).reused).toBe(true);
    expect(run.calls.filter((c) => c.startsWith('kind ') && !c.startsWith('kind get'))).toEqual([
      'kind export kubeconfig --name firedrill --kubeconfig /tmp/fd/kubeconfig', 'kind load docker-image firedrill/testbed:0.1.0 --name firedrill',
    ]);
  });

  it('a step that fails after the cluster was created deletes it, naming the step, the command and its output', async () => {
    const run = scriptedRunner([[/rollout status deployment\/argo-rollouts/, { exitCode: 1, stderr: 'Waiting for deployment "argo-rollouts" rollout to finish: 0 of 1 updated replicas are available...\nerror: timed out waiting for the condition' }]]);
    const err = await upKindCluster(run, OPTS, { find: ALL_TOOLS }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InfraError);
    expect((err as InfraError).message).toBe('wait for the Argo Rollouts controller failed (exit 1): kubectl --kubeconfig /tmp/fd/kubeconfig --context kind-firedrill -n argo-rollouts rollout status deployment/argo-rollouts --timeout=180s');
    expect((err as InfraError).hint).toMatch(/timed out waiting for the condition$/);
    expect((err as InfraError).exitCode).toBe(3);
    expect(run.calls.at(-1)).toBe('kind delete cluster --name firedrill');
  });

  it('--keep keeps the cluster it created; a reused cluster is never deleted', async () => {
    const failing: [RegExp, Partial<CommandResult>] = [/apply -f .*prometheus\.yaml/, { exitCode: 1, stderr: 'boom' }];
    const kept = scriptedRunner([failing]);
    const lines: string[] = [];
    await expect(upKindCluster(kept, { ...OPTS, keep: true }, { find: ALL_TOOLS, log: (l) => lines.push(l) })).rejects.toThrow(/install Prometheus failed/);
    expect(kept.calls.some((c) => c.includes('delete'))).toBe(false);
    expect(lines.at(-1)).toMatch(/^kept kind cluster firedrill \(--keep\)/);
    const reused = scriptedRunner([[/^kind get clusters/, { stdout: 'firedrill' }], failing]);
    await expect(upKindCluster(reused, OPTS, { find: ALL_TOOLS })).rejects.toThrow(InfraError);
    expect(reused.calls.some((c) => c.includes('delete'))).toBe(false);
  });

  it('a failed image build stops before any cluster exists', async () => {
    const run = scriptedRunner([[/^docker build/, { exitCode: 1, stderr: 'npm ci failed' }]]);
    await expect(upKindCluster(run, OPTS, { find: ALL_TOOLS })).rejects.toThrow(/build the testbed image firedrill\/testbed:0\.1\.0 failed/);
    expect(run.calls.some((c) => c.startsWith('kind create'))).toBe(false);
  });

  it('a wait that runs out says it timed out and after how long', async () => {
    const run = scriptedRunner([[/deployment\/prometheus/, { exitCode: -1, timedOut: true }]]);
    await expect(upKindCluster(run, { ...OPTS, readyTimeoutMs: 60_000 }, { find: ALL_TOOLS })).rejects.toThrow(/^wait for Prometheus: timed out after 75 s \(kubectl .* --timeout=60s\)$/);
  });

  it('a Docker daemon that does not answer is named as such', async () => {
    const run = scriptedRunner([[/^docker info/, { exitCode: 1, stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' }]]);
    await expect(upKindCluster(run, OPTS, { find: ALL_TOOLS })).rejects.toThrow(/the Docker daemon does not answer \(docker info: Cannot connect/);
    expect(run.calls).toHaveLength(1);
  });

  it('down deletes the cluster', async () => {
    const run = scriptedRunner();
    await downKindCluster(run, 'firedrill', { find: ALL_TOOLS });
    expect(run.calls).toEqual(['kind delete cluster --name firedrill']);
  });
});

describe('missing programs', () => {
  it('fails in under a second with what is missing and how to get it, before running anything', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'firedrill-path-'));
    const path = process.env.PATH;
    const run = scriptedRunner();
    process.env.PATH = empty;
    const started = performance.now();
    try {
      const err = await upKindCluster(run, OPTS).catch((e: unknown) => e);
      const ms = performance.now() - started;
      expect(ms).toBeLessThan(1000);
      expect((err as InfraError).message).toBe('the kind backend needs docker, kind, kubectl, not found on PATH');
      expect((err as InfraError).hint).toMatch(/^Docker Engine: https:\/\/docs\.docker\.com\/engine\/install\/.*; kind: .*; kubectl: /);
      expect(run.calls).toEqual([]);
    } finally {
      process.env.PATH = path;
      rmSync(empty, { recursive: true });
    }
    expect(() => checkKindTools((n) => (n === 'kind' ? undefined : `/usr/bin/${n}`))).toThrow('the kind backend needs kind, not found on PATH');
  });
});

describe('clusters/kind/ (what the plan applies)', () => {
  const dir = join(REPO_ROOT, 'clusters/kind');
  const objects = (file: string) => parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((d) => d.toJS() as KubeObject).filter(Boolean);

  it('every file the plan names exists', () => {
    const files = planKindCluster({ ...OPTS, packageRoot: REPO_ROOT }, { clusterExists: false }).flatMap((s) => s.spec.args).filter((a) => a.startsWith(dir));
    expect(files.length).toBe(6);
    for (const f of files) expect(existsSync(f), f).toBe(true);
  });

  it('the platform objects are valid Kubernetes objects; Prometheus scrapes every 1-5 s at the templates\' address', () => {
    const all = ['platform.yaml', 'prometheus.yaml', 'istio-virtual-service-crd.yaml'].flatMap(objects);
    const results = all.map((o) => validateObject(o));
    expect(results.filter((r) => r === 'unchecked')).toEqual([]);
    expect(results.flat()).toEqual([]);
    const config = all.find((o) => o.kind === 'ConfigMap')!.data as Record<string, string>;
    const interval = /scrape_interval: (\d+)s/.exec(config['prometheus.yml'])![1];
    expect(Number(interval)).toBeGreaterThanOrEqual(1);
    expect(Number(interval)).toBeLessThanOrEqual(5);
    expect(all.find((o) => o.kind === 'Service')).toMatchObject({ metadata: { name: 'prometheus', namespace: 'monitoring' }, spec: { ports: [{ port: 9090 }] } });
  });

  it('the Argo Rollouts release manifest is v1.10.1\'s, its objects valid Kubernetes objects', () => {
    const all = objects('argo-rollouts/install.yaml');
    const images = all.filter((o) => o.kind === 'Deployment').map((o) => (o.spec as any).template.spec.containers[0].image);
    expect(images).toEqual(['quay.io/argoproj/argo-rollouts:v1.10.1']);
    expect(all.filter((o) => o.kind === 'CustomResourceDefinition').map((o) => o.metadata.name).sort()).toEqual([
      'analysisruns.argoproj.io', 'analysistemplates.argoproj.io', 'clusteranalysistemplates.argoproj.io', 'experiments.argoproj.io', 'rollouts.argoproj.io',
    ]);
    const problems = all.map((o) => validateObject(o)).filter((r) => r !== 'unchecked').flat();
    expect(problems).toEqual([]);
  });
});

describe('the real command runner (execa 9.6.1 on Node 20)', () => {
  it('gives exit code, output and stdin, and kills a command at its timeout', async () => {
    const run = await createExecaRunner();
    const node = process.execPath;
    expect(await run({ command: node, args: ['-e', 'process.stdin.pipe(process.stdout); console.error("e"); process.exitCode = 3'], input: 'hi', timeoutMs: 10_000 }))
      .toEqual({ exitCode: 3, stdout: 'hi', stderr: 'e', timedOut: false });
    const started = performance.now();
    const slow = await run({ command: node, args: ['-e', 'setTimeout(() => {}, 20000)'], timeoutMs: 300 });
    expect(slow.timedOut).toBe(true);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
