import { join } from 'node:path';
import type { ClusterPki } from './cluster-pki.ts';
import type { ClusterState } from './cluster-state.ts';

type Ports = ClusterState['ports'];

/** etcd: one member on loopback; no fsync (a throwaway test cluster: start-up and writes stay fast). */
export function argsForEtcd(dir: string, ports: Ports): string[] {
  const peer = `http://127.0.0.1:${ports.etcdPeer}`;
  const client = `http://127.0.0.1:${ports.etcdClient}`;
  return [
    '--name=firedrill', `--data-dir=${join(dir, 'etcd')}`,
    `--listen-client-urls=${client}`, `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`, `--initial-advertise-peer-urls=${peer}`, `--initial-cluster=firedrill=${peer}`,
    '--unsafe-no-fsync', '--log-level=warn',
  ];
}

/**
 * kube-apiserver on 127.0.0.1 only. The endpoint reconciler is off: it would publish the advertise
 * address in the `kubernetes` Endpoints, and a loopback address is invalid there. The service range
 * only numbers ClusterIPs in objects; nothing routes to it.
 */
export function argsForApiserver(pki: ClusterPki, ports: Ports): string[] {
  return [
    `--etcd-servers=http://127.0.0.1:${ports.etcdClient}`,
    '--bind-address=127.0.0.1', '--advertise-address=127.0.0.1', `--secure-port=${ports.apiserver}`,
    `--tls-cert-file=${pki.serverCert}`, `--tls-private-key-file=${pki.serverKey}`, `--client-ca-file=${pki.caCert}`,
    `--service-account-key-file=${pki.serviceAccountPub}`, `--service-account-signing-key-file=${pki.serviceAccountKey}`,
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    '--service-cluster-ip-range=10.96.0.0/16', '--endpoint-reconciler-type=none',
    '--authorization-mode=RBAC', '--profiling=false', '--v=1',
  ];
}

/**
 * kube-controller-manager: the replicaset controller turns the ReplicaSets Argo creates into pods;
 * serviceaccount makes the `default` account pods need. No serving port (--secure-port=0): its
 * health shows in what it does (start-up waits for the default service account).
 */
export function argsForControllerManager(kubeconfig: string, pki: ClusterPki): string[] {
  return [
    `--kubeconfig=${kubeconfig}`, '--leader-elect=false', '--secure-port=0',
    `--service-account-private-key-file=${pki.serviceAccountKey}`, `--root-ca-file=${pki.caCert}`,
    '--use-service-account-credentials=false', '--v=1',
  ];
}

/** kube-scheduler: binds pods to kwok's node (nothing else would). */
export function argsForScheduler(kubeconfig: string): string[] {
  return [`--kubeconfig=${kubeconfig}`, '--leader-elect=false', '--secure-port=0', '--v=1'];
}

/**
 * kwok: manages every node (the one fake node start-up creates), no server of its own. Its stages
 * (node Ready and heartbeat, pods Ready, completed, deleted) are kwokctl's defaults.
 */
export function argsForKwok(kubeconfig: string, stages: string[]): string[] {
  return [`--kubeconfig=${kubeconfig}`, `--config=${stages.join(',')}`, '--manage-all-nodes=true', '--node-ip=127.0.0.1', '--cidr=10.0.0.0/16'];
}

/**
 * The Argo Rollouts controller, out of cluster. It listens on 0.0.0.0 for metrics and healthz
 * (controller/controller.go: listenAddr, no flag to change it): the ports are free ones, and
 * firedrill only ever connects to them on 127.0.0.1.
 */
export function argsForRolloutsController(kubeconfig: string, ports: Ports): string[] {
  return [`--kubeconfig=${kubeconfig}`, '--leader-elect=false', `--healthzPort=${ports.argoHealthz}`, `--metricsPort=${ports.argoMetrics}`, '--loglevel=info'];
}
