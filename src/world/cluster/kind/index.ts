/**
 * The kind path of the cluster backend: `firedrill cluster up|down --kind` call these (the CLI
 * command lives with the local control plane's, src/cli/commands/cluster.ts).
 *
 *   const run = await createExecaRunner();                       // execa 9.6.1, imported on first use
 *   const cluster = await upKindCluster(run, resolveKindOptions({ packageRoot, kubeconfig, image, keep }), { log });
 *   // -> { name, kubeconfig, context: 'kind-<name>', reused, argoRollouts, prometheusAddress }
 *   await downKindCluster(run, name);
 *   planKindCluster(options, { clusterExists }) -> the steps, for --dry-run or a test
 */
export { createExecaRunner, formatCommand, type CommandResult, type CommandRunner, type CommandSpec } from './command-runner.ts';
export { checkKindTools, findMissingKindTools } from './check-kind-tools.ts';
export { ARGO_ROLLOUTS_VERSION, resolveKindOptions, type KindClusterOptions } from './kind-options.ts';
export { planKindCluster, type KindStep } from './plan-kind-cluster.ts';
export { downKindCluster, IN_CLUSTER_PROMETHEUS, upKindCluster, type KindCluster, type UpKindOptions } from './up-kind-cluster.ts';
