/**
 * The Kubernetes API side of the cluster backend (issue 14): connect by kubeconfig, apply and read
 * objects, send the human's `kubectl argo rollouts` commands, and watch Rollouts, AnalysisRuns and
 * ReplicaSets into the built-in engine's timeline events.
 *
 *   connectKube({ kubeconfig?, context? }): Promise<KubeApi>     // @kubernetes/client-node, imported on first use
 *   runRolloutAction(api, namespace, name, { command: 'abort' | 'retry' | 'promote' | 'undo', ... }): Promise<string>
 *   new ClusterObserver(sink, toMs).observe(kind, change); watchCluster(api, namespace, [observer, ...])
 *   new ArgoTrafficFollower(target, rollout): what Argo decided -> RolloutTarget calls (the testbed's split)
 *   startArgoController({ api, namespace, rollout, commitOfHash, hashOfCommit, emit, target }): RolloutControllerHandle
 *     // the real controller where the runner starts the built-in one (runner/canary-deploy.ts)
 *   new ClusterReader(api, namespace, rollout): the agents' kubectl reads (get, events, argo rollouts get, logs)
 */
export { connectKube, type ConnectKubeOptions } from './connect-kube.ts';
export { KubeApiError, isNotFound, type KubeApi, type KubePatch, type WatchChange, type WatchHandle } from './kube-api.ts';
export { RESOURCES, describeRef, type KubeObject, type KubeRef, type KubeResource } from './kube-object.ts';
export { runRolloutAction, type RolloutAction } from './run-rollout-action.ts';
export { planAbortPatches, planPromotePatches, planRetryPatches, type RolloutPatches } from './rollout-patches.ts';
export { planUndo, type UndoPlan } from './undo-rollout.ts';
export { ClusterObserver, type ObservedEventSink, type WatchedKind } from './cluster-observer.ts';
export { watchCluster, type ClusterWatch, type WatchConsumer } from './watch-cluster.ts';
export { ArgoTrafficFollower } from './follow-argo-traffic.ts';
export { startArgoController, type ArgoControllerHandle, type ArgoControllerOptions } from './argo-controller-handle.ts';
export { ClusterReader } from './cluster-reader.ts';
export { describeRolloutTree } from './rollout-tree.ts';
