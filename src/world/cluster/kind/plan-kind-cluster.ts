import { join } from 'node:path';
import type { CommandSpec } from './command-runner.ts';
import { resolveKindDir, type KindClusterOptions } from './kind-options.ts';

export interface KindStep {
  /** What the step does, for progress lines and errors. */
  title: string;
  spec: CommandSpec;
  /** Set on the step that creates the cluster: a later failure deletes it unless --keep. */
  creates?: boolean;
}

/** The CRDs the drill's objects need before they can be applied. */
const CRDS = ['rollouts.argoproj.io', 'analysisruns.argoproj.io', 'analysistemplates.argoproj.io', 'virtualservices.networking.istio.io'];

/**
 * Every command `firedrill cluster up --kind` runs after the checks, in order. The image is built
 * first, so a broken build never leaves a half-made cluster; an existing cluster of that name is
 * reused (only its kubeconfig is exported); installs are `kubectl apply`s, safe to repeat;
 * readiness is waited for with kubectl's own timeouts (the command's is 15 s longer, so kubectl
 * reports what it was waiting for).
 */
export function planKindCluster(o: KindClusterOptions, state: { clusterExists: boolean }): KindStep[] {
  const dir = resolveKindDir(o);
  const ctx = ['--kubeconfig', o.kubeconfig, '--context', `kind-${o.name}`];
  const kubectl = (title: string, args: string[], timeoutMs = 120_000): KindStep => ({ title, spec: { command: 'kubectl', args: [...ctx, ...args], timeoutMs } });
  const seconds = Math.round(o.readyTimeoutMs / 1000);
  const wait = o.readyTimeoutMs + 15_000;
  return [
    { title: `build the testbed image ${o.image}`, spec: { command: 'docker', args: ['build', '-t', o.image, '-f', join(dir, 'Dockerfile'), o.packageRoot], cwd: o.packageRoot, timeoutMs: o.buildTimeoutMs } },
    state.clusterExists
      ? { title: `reuse kind cluster ${o.name}`, spec: { command: 'kind', args: ['export', 'kubeconfig', '--name', o.name, '--kubeconfig', o.kubeconfig], timeoutMs: 30_000 } }
      : {
        title: `create kind cluster ${o.name}`, creates: true,
        spec: { command: 'kind', args: ['create', 'cluster', '--name', o.name, '--config', join(dir, 'kind-config.yaml'), '--kubeconfig', o.kubeconfig, '--wait', '60s'], timeoutMs: o.createTimeoutMs },
      },
    { title: `load ${o.image} into the cluster`, spec: { command: 'kind', args: ['load', 'docker-image', o.image, '--name', o.name], timeoutMs: 300_000 } },
    kubectl('create the argo-rollouts and monitoring namespaces', ['apply', '-f', join(dir, 'platform.yaml')]),
    // Server-side: the Rollout CRD is too large for client-side apply's last-applied annotation.
    kubectl('install Argo Rollouts', ['apply', '--server-side', '--force-conflicts', '-n', 'argo-rollouts', '-f', join(dir, 'argo-rollouts', 'install.yaml')]),
    kubectl('install the VirtualService CRD', ['apply', '-f', join(dir, 'istio-virtual-service-crd.yaml')]),
    kubectl('install Prometheus', ['apply', '-f', join(dir, 'prometheus.yaml')]),
    kubectl('wait for the CRDs', ['wait', '--for=condition=Established', ...CRDS.map((c) => `crd/${c}`), `--timeout=${seconds}s`], wait),
    kubectl('wait for the Argo Rollouts controller', ['-n', 'argo-rollouts', 'rollout', 'status', 'deployment/argo-rollouts', `--timeout=${seconds}s`], wait),
    kubectl('wait for Prometheus', ['-n', 'monitoring', 'rollout', 'status', 'deployment/prometheus', `--timeout=${seconds}s`], wait),
  ];
}
