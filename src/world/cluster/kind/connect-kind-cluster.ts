import { join } from 'node:path';
import { InfraError } from '../../../util/errors.ts';
import { checkKindTools, type FindExecutable } from './check-kind-tools.ts';
import { runOrFail, type CommandRunner } from './command-runner.ts';
import type { KubectlTarget } from './port-forward.ts';

/**
 * A run on kind uses a cluster `firedrill cluster up --kind` made (it does not make one: a 5-minute
 * create and a Docker build do not belong inside a drill). Its kubeconfig is exported into the
 * run's own temp dir, so the user's ~/.kube/config is never touched.
 */
export async function connectKindCluster(run: CommandRunner, name: string, dir: string, find?: FindExecutable): Promise<KubectlTarget> {
  checkKindTools(find);
  const clusters = await runOrFail(run, 'list kind clusters', { command: 'kind', args: ['get', 'clusters'], timeoutMs: 30_000 });
  if (!clusters.stdout.split('\n').map((l) => l.trim()).includes(name)) {
    throw new InfraError(`no kind cluster named "${name}"`, { hint: `make it with \`firedrill cluster up --kind --name ${name}\` (kind, Argo Rollouts, Prometheus and the testbed image), then run again` });
  }
  const kubeconfig = join(dir, 'kubeconfig');
  await runOrFail(run, `export the kubeconfig of kind cluster ${name}`, { command: 'kind', args: ['export', 'kubeconfig', '--name', name, '--kubeconfig', kubeconfig], timeoutMs: 30_000 });
  return { kubeconfig, context: `kind-${name}` };
}
