import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CommandModule } from 'yargs';
import {
  readClusterState, readControlPlaneStatus, resolveClusterDir, startControlPlane, stopControlPlane, type ControlPlaneStatus,
} from '../../world/cluster/control-plane/index.ts';
import { COMMAND_USAGE } from '../command-table.ts';
import { createExecaRunner, downKindCluster, resolveKindOptions, resolveTestbedImage, upKindCluster } from '../../world/cluster/kind/index.ts';
import { packageRoot } from '../../util/package-root.ts';

interface NameArgs {
  name: string;
  json?: boolean;
  kind?: boolean;
  keep?: boolean;
}

const kindOption = { type: 'boolean', describe: 'A kind cluster (Docker): kind create cluster, Argo Rollouts, Prometheus and the testbed image; `firedrill run --backend kind` runs drills on it' } as const;

/** Where `cluster up --kind` writes the kind cluster's kubeconfig (firedrill never edits ~/.kube/config). */
function kindKubeconfig(name: string): string {
  return join(resolveClusterDir(name), '..', `kind-${name}.kubeconfig`);
}

async function upKind(args: NameArgs): Promise<void> {
  const options = resolveKindOptions({ name: args.name, packageRoot: packageRoot(), kubeconfig: kindKubeconfig(args.name), image: resolveTestbedImage(), keep: args.keep ?? false });
  mkdirSync(dirname(options.kubeconfig), { recursive: true });
  const cluster = await upKindCluster(await createExecaRunner(), options, { log: (l) => process.stderr.write(`kind ${args.name}: ${l}\n`) });
  process.stdout.write(
    `kind cluster "${cluster.name}" is ${cluster.reused ? 'reused' : 'up'}: Argo Rollouts ${cluster.argoRollouts}, Prometheus at ${cluster.prometheusAddress}, image ${options.image}\n` +
      `  export KUBECONFIG=${cluster.kubeconfig}\n` +
      `  firedrill run good-deploy --stack l1 --backend kind --cluster ${cluster.name}; firedrill cluster down --kind --name ${cluster.name}\n`,
  );
}

// Named like kind's flag (`kind create cluster --name`), and the same default for every subcommand.
const nameOption = { type: 'string', default: 'firedrill', describe: 'The cluster name (its state: ~/.cache/firedrill/clusters/NAME)' } as const;

const upCommand: CommandModule<object, NameArgs> = {
  command: 'up',
  describe: 'Start the local control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok, the Argo Rollouts controller) and wait until it is ready',
  builder: (y) => y.option('name', nameOption).option('kind', kindOption).option('keep', { type: 'boolean', describe: 'kind: keep a cluster this command created when a later step fails' }) as never,
  handler: async (args) => {
    if (args.kind) return upKind(args);
    const abort = new AbortController();
    const onSignal = (): void => abort.abort(new Error('interrupted'));
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const { state } = await startControlPlane({ name: args.name, signal: abort.signal, onProgress: (m) => process.stderr.write(`cluster ${args.name}: ${m}\n`) });
      process.stdout.write(
        `cluster "${state.name}" is up in ${((state.readyMs ?? 0) / 1000).toFixed(1)} s: ${state.server}\n` +
          `  export KUBECONFIG=${state.kubeconfig}\n` +
          `  firedrill cluster status --name ${state.name}; firedrill cluster down --name ${state.name}\n`,
      );
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};

const downCommand: CommandModule<object, NameArgs> = {
  command: 'down',
  describe: 'Stop every process of the local control plane and remove its state (certificates, kubeconfig, etcd data, logs)',
  builder: (y) => y.option('name', nameOption).option('kind', kindOption) as never,
  handler: async (args) => {
    if (args.kind) {
      await downKindCluster(await createExecaRunner(), args.name);
      rmSync(kindKubeconfig(args.name), { force: true });
      process.stdout.write(`kind cluster "${args.name}" is deleted\n`);
      return;
    }
    const dir = resolveClusterDir(args.name);
    const state = readClusterState(dir);
    await stopControlPlane(state ?? { dir, components: [] });
    process.stdout.write(state ? `cluster "${args.name}" is down (${state.components.length} processes stopped, ${dir} removed)\n` : `cluster "${args.name}" was not up\n`);
  },
};

const statusCommand: CommandModule<object, NameArgs> = {
  command: 'status',
  describe: 'Show each process of the local control plane, the versions and whether it is ready (exit 0 ready, 3 otherwise)',
  builder: (y) => y.option('name', nameOption).option('json', { type: 'boolean', describe: 'Print the status as JSON' }) as never,
  handler: async (args) => {
    const status = await readControlPlaneStatus(args.name);
    process.stdout.write(args.json ? `${JSON.stringify(status, null, 2)}\n` : formatClusterStatus(status));
    process.exitCode = status.health === 'ready' ? 0 : 3;
  },
};

export function formatClusterStatus(s: ControlPlaneStatus): string {
  if (s.health === 'absent') return `cluster "${s.name}": absent (firedrill cluster up --name ${s.name})\n`;
  const lines = [`cluster "${s.name}": ${s.health}${s.state ? ` (${s.state.server}, up since ${s.state.createdAt})` : ''}`];
  if (s.state) lines.push(`  kubeconfig ${s.state.kubeconfig}`);
  lines.push(`  API server version ${s.serverVersion ?? 'unreachable'}; node ${s.nodeReady ? 'Ready' : 'not ready'}; Argo Rollouts controller ${s.argoHealthy ? 'healthy' : 'not healthy'}`);
  for (const c of s.components) lines.push(`  ${c.binary.padEnd(24)} ${(c.running ? `running (pid ${c.pid})` : 'not running').padEnd(22)} ${c.version}`);
  return `${lines.join('\n')}\n`;
}

export const clusterCommand: CommandModule = {
  ...COMMAND_USAGE.cluster,
  builder: (y) => y.command(upCommand).command(downCommand).command(statusCommand).demandCommand(1, 'name a cluster command: up, down or status'),
  handler: () => {},
};
