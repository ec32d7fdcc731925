/**
 * The local control plane built from Go modules (clusters/tools/build-go-tools.sh): etcd,
 * kube-apiserver, kube-controller-manager, kube-scheduler, kwok and the Argo Rollouts controller
 * as processes on 127.0.0.1, with generated certificates and a kubeconfig. State per cluster in
 * ${FIREDRILL_CLUSTERS_DIR:-~/.cache/firedrill/clusters}/<name>/ (state.json, kubeconfig, PKI,
 * logs, etcd data), so `up`, `status` and `down` can be separate commands.
 */
export { startControlPlane } from './start-control-plane.ts';
export type { ControlPlane, StartControlPlaneOptions } from './start-control-plane.ts';
export { stopControlPlane } from './stop-control-plane.ts';
export { readControlPlaneStatus } from './control-plane-status.ts';
export type { ControlPlaneStatus, ComponentStatus } from './control-plane-status.ts';
export { readClusterState, resolveClusterDir, resolveClustersDir } from './cluster-state.ts';
export type { ClusterState, ComponentRecord } from './cluster-state.ts';
export { findControlPlaneBinaries, CONTROL_PLANE_BINARIES } from './control-plane-binaries.ts';
export { isComponentAlive } from './component-process.ts';
export { connectKube, requestKube, callKube } from './kube-http.ts';
export type { KubeConnection, KubeAnswer } from './kube-http.ts';
export { pollUntil } from './poll-until.ts';
