import { existsSync } from 'node:fs';
import { InfraError, UserInputError } from '../../util/errors.ts';
import { readClusterState, resolveClusterDir } from './control-plane/index.ts';

/**
 * Which cluster a cluster-backend run uses (CLI: `--cluster NAME`, `--kubeconfig FILE`,
 * `--context NAME`, `--keep`). Named as kind and kubectl name them: `--cluster` is the name
 * `firedrill cluster up --name` gave a local control plane, `--kubeconfig`/`--context` point at
 * any cluster, as kubectl's flags do.
 */
export interface ClusterOptions {
  /** A local control plane started by `firedrill cluster up --name NAME` (default `firedrill`). */
  cluster?: string;
  kubeconfig?: string;
  context?: string;
  /** Leave the run's namespace (and its Rollout, AnalysisRuns, ReplicaSets) in the cluster. */
  keep?: boolean;
}

export interface ClusterTarget {
  kubeconfig: string;
  context?: string;
  /** For messages and the timeline: `local control plane "firedrill"` or `kubeconfig FILE`. */
  label: string;
}

export const DEFAULT_CLUSTER = 'firedrill';

/** The kubeconfig a run connects with; fails fast (exit 3) when the named control plane is not up. */
export function resolveClusterTarget(opts: ClusterOptions, env: NodeJS.ProcessEnv = process.env): ClusterTarget {
  if (opts.kubeconfig) {
    if (opts.cluster) throw new UserInputError('--cluster and --kubeconfig name two clusters: give one');
    if (!existsSync(opts.kubeconfig)) throw new UserInputError(`--kubeconfig ${opts.kubeconfig}: no such file`);
    return { kubeconfig: opts.kubeconfig, ...(opts.context ? { context: opts.context } : {}), label: `kubeconfig ${opts.kubeconfig}` };
  }
  const name = opts.cluster ?? DEFAULT_CLUSTER;
  const state = readClusterState(resolveClusterDir(name, env));
  if (!state) {
    throw new InfraError(`no local control plane named "${name}" is up`, {
      hint: `start it with \`firedrill cluster up --name ${name}\` (needs the binaries of clusters/tools/build-go-tools.sh), or pass --kubeconfig FILE for a cluster you have`,
    });
  }
  return { kubeconfig: state.kubeconfig, ...(opts.context ? { context: opts.context } : {}), label: `local control plane "${name}" (${state.server})` };
}
