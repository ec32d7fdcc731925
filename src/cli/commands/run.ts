import type { CommandModule } from 'yargs';
import { runDrills } from '../run-drills.ts';
import { ApiServing } from '../serve-api.ts';
import { COMMAND_USAGE } from '../command-table.ts';
import { UserInputError } from '../../util/errors.ts';
import type { BackendName } from '../../world/create-world.ts';

interface RunArgs {
  scenarios: string[];
  stack: string[];
  backend?: 'sim' | 'local' | 'kind' | 'cluster';
  cluster?: string;
  kubeconfig?: string;
  context?: string;
  keep?: boolean;
  seed: number;
  repeat: number;
  out?: string;
  serveApi?: number;
  timeScale: number;
  load: 'builtin' | 'k6';
  prometheus: string;
  prometheusImage?: string;
  agentRecord?: string;
  agentReplay?: string;
  reporter?: string[];
  expect?: string[];
  resume?: boolean;
  jobs?: number;
  shard?: string;
  maxSeeds?: number;
}

export const runCommand: CommandModule<object, RunArgs> = {
  ...COMMAND_USAGE.run,
  builder: (y) =>
    y
      .positional('scenarios', { type: 'string', array: true, demandOption: true, describe: 'Scenario files or built-in names, or Suite files' })
      .option('stack', { type: 'string', array: true, default: ['l0'], describe: 'Stack file or built-in name; repeat the flag to run every scenario at each stack' })
      .option('backend', { choices: ['sim', 'local', 'cluster', 'kind'] as const, describe: 'Where the drill runs: sim (default), local, cluster (the real Argo controller; implied by --cluster/--kubeconfig), kind' })
      .option('cluster', { type: 'string', describe: 'cluster: the local control plane `firedrill cluster up --name NAME` started; kind: the kind cluster `firedrill cluster up --kind --name NAME` made (default firedrill)' })
      .option('kubeconfig', { type: 'string', describe: 'cluster: any cluster by kubeconfig, as kubectl takes it (its Argo controller must reach 127.0.0.1)' })
      .option('context', { type: 'string', describe: 'cluster: a context of that kubeconfig (default: its current-context)' })
      .option('keep', { type: 'boolean', describe: 'cluster, kind: leave the run\'s namespace in the cluster for a look with kubectl; local: leave the Prometheus container and its TSDB (the timeline says how to remove them)' })
      .option('seed', { type: 'number', default: 1, describe: 'First seed (repeats use seed, seed+1, ...)' })
      .option('repeat', { type: 'number', default: 1, describe: 'Runs per scenario, each with the next seed' })
      .option('out', { type: 'string', describe: 'Output folder (default ./reports/<run-id>/, or ./reports/<suite>-<time>/ for several runs, in the current directory)' })
      .option('reporter', { type: 'string', array: true, describe: 'Reporters, comma-separated or repeated: console, files, json, markdown, html, junit (default: console,files for one run; all for a suite)' })
      .option('expect', { type: 'string', array: true, describe: 'An expectation per scenario x stack, e.g. "fdrt: p90 < 5m" (repeatable); exit 1 when one fails' })
      .option('resume', { type: 'boolean', describe: 'Continue the suite stopped in --out: its finished runs are kept, the rest run' })
      .option('jobs', { type: 'number', describe: 'Runs at once, each in a worker thread (default: the core count on sim; 1 on local, which refuses more). Results are the same for any N' })
      .option('max-seeds', { type: 'number', describe: 'Keep only the N lowest seeds of each scenario x stack (a quick pass over a big suite)' })
      .option('shard', { type: 'string', describe: 'Run only shard INDEX/COUNT of the plan (e.g. 2/3; a stable split of scenario x stack x seed); combine the shards\' --out folders with `firedrill merge`' })
      .option('serve-api', { type: 'number', describe: 'Serve the run\'s metrics on a Prometheus-compatible API at 127.0.0.1:PORT (0: any free port) during the run, and after the last one until Ctrl-C' })
      .option('time-scale', { type: 'number', default: 1, describe: 'local, cluster: run N times faster than real time (durations of the scenario and stack are compressed)' })
      .option('load', { choices: ['builtin', 'k6'] as const, default: 'builtin' as const, describe: 'local: load generator (k6 needs the k6 binary)' })
      .option('prometheus', { type: 'string', default: 'auto', describe: 'local: auto (prometheus on PATH, else a container when a Docker engine is found, else the embedded scraper), container (a throwaway container through testcontainers), off (embedded scraper), or a binary path' })
      .option('prometheus-image', { type: 'string', describe: 'local: the image of --prometheus container (default: firedrill/prometheus-scratch:vX, built FROM scratch from the pinned static build when it is built, else prom/prometheus:vX, pulled)' })
      .option('agent-record', { type: 'string', describe: "L2+: store every agent exchange (bundle, tool calls and results, answer, time) in this folder" })
      .option('agent-replay', { type: 'string', describe: 'L2+: answer from the exchanges stored in this folder instead of calling the agent (offline, byte-identical)' })
      .conflicts('agent-record', 'agent-replay') as never,
  handler: async (args) => {
    // Ctrl-C or SIGTERM stops the current run cleanly (its temp workspace is removed); a second
    // Ctrl-C exits at once.
    const stop = new AbortController();
    const onSignal = (sig: NodeJS.Signals): void => {
      if (stop.signal.aborted) process.exit(130);
      process.stderr.write(`\n${sig}: stopping the current run and cleaning up...\n`);
      stop.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const serving = args.serveApi === undefined ? undefined : new ApiServing(args.serveApi);
    const suite = await runDrills({
      onWorldStarted: serving ? (world) => serving.attach(world) : undefined,
      signal: stop.signal,
      scenarios: args.scenarios,
      stack: args.stack,
      backend: resolveBackend(args),
      seed: args.seed,
      repeat: args.repeat,
      out: args.out,
      reporters: args.reporter,
      expect: args.expect,
      resume: args.resume,
      jobs: args.jobs,
      shard: args.shard,
      maxSeeds: args.maxSeeds,
      local: { timeScale: args.timeScale, load: args.load, prometheus: args.prometheus, ...(args.prometheusImage !== undefined ? { prometheusImage: args.prometheusImage } : {}), keep: args.keep ?? false },
      cluster: { ...(args.cluster ? { cluster: args.cluster } : {}), ...(args.kubeconfig ? { kubeconfig: args.kubeconfig } : {}), ...(args.context ? { context: args.context } : {}), keep: args.keep ?? false },
      ...(args.agentRecord ? { agentRecording: { mode: 'record' as const, dir: args.agentRecord } } : {}),
      ...(args.agentReplay ? { agentRecording: { mode: 'replay' as const, dir: args.agentReplay } } : {}),
    });
    // Exit 1 when an expectation failed (the default one: every run passes its own verdict).
    process.exitCode = suite.verdict === 'pass' ? 0 : 1;
    if (serving?.url && !stop.signal.aborted) {
      process.stderr.write(`\nServing the last run's metrics at ${serving.url} until Ctrl-C\n`);
      await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
      await serving.close();
    }
  },
};

/**
 * `--cluster NAME` or `--kubeconfig FILE` mean the cluster backend (as they mean a cluster to kind
 * and kubectl); with another backend they are a mistake. `--keep` alone means the cluster too;
 * with `--backend local` it keeps the Prometheus container.
 */
export function resolveBackend(args: Pick<RunArgs, 'backend' | 'cluster' | 'kubeconfig' | 'context' | 'keep'>): BackendName {
  const clusterFlags = (['cluster', 'kubeconfig', 'context', 'keep'] as const).filter((f) => args[f] !== undefined && !(f === 'keep' && args.backend === 'local'));
  const backend = args.backend ?? (clusterFlags.length > 0 ? 'cluster' : 'sim');
  // On kind, --cluster names the kind cluster (`cluster up --kind --name`) and --keep keeps the run's namespace; its kubeconfig is kind's own.
  const misplaced = backend === 'kind' ? clusterFlags.filter((f) => f === 'kubeconfig' || f === 'context') : clusterFlags;
  if (backend === 'kind' && misplaced.length > 0) {
    throw new UserInputError(`--${misplaced.join(', --')} ${misplaced.length > 1 ? 'are' : 'is'} for --backend cluster: a kind run uses the kubeconfig of the kind cluster --cluster names`, { hint: 'for a cluster you have by kubeconfig, say --backend cluster' });
  }
  if (backend !== 'cluster' && backend !== 'kind' && clusterFlags.length > 0) {
    throw new UserInputError(`--${clusterFlags.join(', --')} ${clusterFlags.length > 1 ? 'are' : 'is'} for --backend cluster, not ${backend}`, { hint: 'leave out --backend (or say --backend cluster) to run on a cluster' });
  }
  return backend;
}
