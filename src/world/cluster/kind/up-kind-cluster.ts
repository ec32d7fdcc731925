import { InfraError } from '../../../util/errors.ts';
import { checkKindTools, type FindExecutable } from './check-kind-tools.ts';
import { lastLines, runOrFail, type CommandRunner } from './command-runner.ts';
import { ARGO_ROLLOUTS_VERSION, type KindClusterOptions } from './kind-options.ts';
import { planKindCluster } from './plan-kind-cluster.ts';

/** What a ready kind cluster offers a cluster world (it connects with connectKube({ kubeconfig, context })). */
export interface KindCluster {
  name: string;
  kubeconfig: string;
  context: string;
  reused: boolean;
  argoRollouts: string;
  /** The in-cluster address the AnalysisTemplates query. */
  prometheusAddress: string;
}

export const IN_CLUSTER_PROMETHEUS = 'http://prometheus.monitoring.svc.cluster.local:9090';

export interface UpKindOptions {
  /** Progress lines (`create kind cluster firedrill ... 41.2 s`). */
  log?: (line: string) => void;
  /** PATH lookup, injectable for tests. */
  find?: FindExecutable;
}

/**
 * `firedrill cluster up --kind`: checks the programs (instant), that the Docker daemon answers,
 * whether the cluster exists, then runs planKindCluster's steps in order. On a failure the cluster
 * this call created is deleted unless `keep`, and the error names the step, the command and the
 * end of its output.
 */
export async function upKindCluster(run: CommandRunner, o: KindClusterOptions, opts: UpKindOptions = {}): Promise<KindCluster> {
  const log = opts.log ?? (() => {});
  checkKindTools(opts.find);
  const info = await run({ command: 'docker', args: ['info', '--format', '{{.ServerVersion}}'], timeoutMs: 15_000 });
  if (info.exitCode !== 0) {
    throw new InfraError(`the Docker daemon does not answer (docker info: ${lastLines(info)})`, { hint: 'start Docker (dockerd, or Docker Desktop) and check that this user may use it (docker ps)' });
  }
  const clusters = await runOrFail(run, 'list kind clusters', { command: 'kind', args: ['get', 'clusters'], timeoutMs: 30_000 });
  const clusterExists = clusters.stdout.split('\n').map((l) => l.trim()).includes(o.name);
  let created = false;
  for (const step of planKindCluster(o, { clusterExists })) {
    const started = Date.now();
    try {
      await runOrFail(run, step.title, step.spec);
    } catch (err) {
      if (created && !o.keep) {
        log(`deleting kind cluster ${o.name} (pass --keep to keep it for a look)`);
        await run({ command: 'kind', args: ['delete', 'cluster', '--name', o.name], timeoutMs: 120_000 });
      } else if (created) {
        log(`kept kind cluster ${o.name} (--keep): kubectl --kubeconfig ${o.kubeconfig} get pods -A; delete it with: firedrill cluster down --kind`);
      }
      throw err;
    }
    created ||= step.creates === true;
    log(`${step.title} ... ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return { name: o.name, kubeconfig: o.kubeconfig, context: `kind-${o.name}`, reused: clusterExists, argoRollouts: ARGO_ROLLOUTS_VERSION, prometheusAddress: IN_CLUSTER_PROMETHEUS };
}

/** `firedrill cluster down --kind`: deletes the cluster (kind says nothing when there is none). */
export async function downKindCluster(run: CommandRunner, name: string, opts: Pick<UpKindOptions, 'find'> = {}): Promise<void> {
  checkKindTools(opts.find);
  await runOrFail(run, `delete kind cluster ${name}`, { command: 'kind', args: ['delete', 'cluster', '--name', name], timeoutMs: 120_000 });
}
