/**
 * The kind path of the cluster backend: `firedrill cluster up|down --kind` call these (the CLI
 * command lives with the local control plane's, src/cli/commands/cluster.ts).
 *
 *   const run = await createExecaRunner();                       // execa 9.6.1, imported on first use
 *   const cluster = await upKindCluster(run, resolveKindOptions({ packageRoot, kubeconfig, image, keep }), { log });
 *   // -> { name, kubeconfig, context: 'kind-<name>', reused, argoRollouts, prometheusAddress }
 *   await downKindCluster(run, name);
 *   planKindCluster(options, { clusterExists }) -> the steps, for --dry-run or a test
 *
 * A drill on it: createKindWorld(req) (`firedrill run --backend kind --cluster NAME`).
 */
export { createExecaRunner, formatCommand, type CommandResult, type CommandRunner, type CommandSpec } from './command-runner.ts';
export { checkKindTools, findMissingKindTools } from './check-kind-tools.ts';
export { ARGO_ROLLOUTS_VERSION, resolveKindOptions, resolveTestbedImage, type KindClusterOptions } from './kind-options.ts';
export { planKindCluster, type KindStep } from './plan-kind-cluster.ts';
export { downKindCluster, IN_CLUSTER_PROMETHEUS, upKindCluster, type KindCluster, type UpKindOptions } from './up-kind-cluster.ts';
export { connectKindCluster } from './connect-kind-cluster.ts';
export { createKindWorld, type KindWorldDeps } from './create-kind-world.ts';
export { KindWorld, type KindWorldParts } from './kind-world.ts';
export { planPortForward, spawnBackgroundProcess, startPortForward, type BackgroundProcess, type KubectlTarget, type PortForward, type ProcessStarter } from './port-forward.ts';
export { ServedHeaderTrace } from './served-header-trace.ts';
export { readServiceFiles } from './service-files.ts';
