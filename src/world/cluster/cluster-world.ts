import type { Clock } from '../../clock/clock.ts';
import type { MetricSource } from '../../metrics/metric-source.ts';
import type { ServiceLogStore } from '../../testbed/service-logs.ts';
import type { Workspace } from '../../testbed/workspace.ts';
import type { LocalWorld } from '../local/local-world.ts';
import type { TruthBucket } from '../truth.ts';
import type { Revision, World, WorldControllerHandle, WorldControllerOptions, WorldInfo } from '../world.ts';
import type { ClusterReads } from '../../agents/toolbox/cluster-reads.ts';
import type { KubeAccess } from '../../agents/agent.ts';
import { startArgoController, type ArgoControllerOptions } from './kube/argo-controller-handle.ts';
import { ClusterReader } from './kube/cluster-reader.ts';
import type { KubeApi } from './kube/kube-api.ts';
import { deleteNamespace } from './run-objects.ts';

export interface ClusterWorldParts {
  /** The testbed's processes, load, Prometheus and ground truth: the local backend's. */
  local: LocalWorld;
  api: KubeApi;
  /** The kubeconfig (and context) `api` was made from: agents with their own Kubernetes client (K8sGPT) get it. */
  kube: Omit<KubeAccess, 'namespace'>;
  /** The run's own namespace: its Rollout, templates, Services and VirtualService, and what Argo makes. */
  namespace: string;
  /** --keep: the namespace stays for a look with kubectl. */
  keep: boolean;
  /** A fix's AnalysisTemplates as this run's objects, ready to apply (see startArgoController). */
  renderTemplates?: ArgoControllerOptions['renderTemplates'];
}

const NAMESPACE_DELETE_TIMEOUT_MS = 30_000;

/**
 * The cluster backend: the real Argo Rollouts controller decides the L1 canary. The testbed is
 * the local backend's (service processes, routers, load generator, real Prometheus, ground
 * truth); the deployed service's Rollout lives in the cluster, its pods are kwok's, and the
 * split Argo sets is made on the local routers (ArgoTrafficFollower -> the runner's
 * WorldRolloutTarget -> this world's canary methods). Everything else is the local world's.
 */
export class ClusterWorld implements World {
  readonly backend = 'cluster' as const;
  readonly clock: Clock;
  readonly metrics: MetricSource;
  readonly workspace: Workspace;
  readonly logs: ServiceLogStore;
  readonly deployService: string;
  readonly info?: WorldInfo;
  private readonly controllers = new Set<WorldControllerHandle>();
  private stopping: Promise<void> | undefined;

  constructor(private readonly parts: ClusterWorldParts) {
    const { local } = parts;
    this.clock = local.clock;
    this.metrics = local.metrics;
    this.workspace = local.workspace;
    this.logs = local.logs;
    this.deployService = local.deployService;
    this.info = local.info;
  }

  get namespace(): string {
    return this.parts.namespace;
  }

  /** The agents' kubectl reads: the run's namespace, its Rollout named after the deployed service. */
  readCluster(): ClusterReads {
    return new ClusterReader(this.parts.api, this.parts.namespace, this.deployService);
  }

  kubeAccess(): KubeAccess {
    return { ...this.parts.kube, namespace: this.parts.namespace };
  }

  startRolloutController(o: WorldControllerOptions): WorldControllerHandle {
    const handle = startArgoController({ api: this.parts.api, namespace: this.parts.namespace, renderTemplates: this.parts.renderTemplates, ...o });
    this.controllers.add(handle);
    return handle;
  }

  startCanary(weight: number, revision: Revision): Promise<void> {
    return this.parts.local.startCanary(weight, revision);
  }

  prepareRevision(revision: Revision): Promise<boolean> {
    return this.parts.local.prepareRevision(revision);
  }

  commits(): { stable: Revision; canary?: Revision } {
    return this.parts.local.commits();
  }

  setCanaryWeight(weight: number): Promise<void> {
    return this.parts.local.setCanaryWeight(weight);
  }

  setCanaryReplicas(replicas: number | 'follow-weight'): Promise<void> {
    return this.parts.local.setCanaryReplicas(replicas);
  }

  promoteCanary(): Promise<void> {
    return this.parts.local.promoteCanary();
  }

  abortCanary(scaleDownDelayMs: number): Promise<void> {
    return this.parts.local.abortCanary(scaleDownDelayMs);
  }

  advanceTo(t: number, signal?: AbortSignal): Promise<void> {
    return this.parts.local.advanceTo(t, signal);
  }

  takeTruth(final?: boolean): TruthBucket[] {
    return this.parts.local.takeTruth(final);
  }

  /** Watches stopped, the local processes stopped, then the namespace deleted (unless --keep); once, however often called. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      for (const c of this.controllers) c.stop();
      const results = await Promise.allSettled([
        this.parts.local.stop(),
        this.parts.keep ? Promise.resolve() : deleteNamespace(this.parts.api, this.parts.namespace, NAMESPACE_DELETE_TIMEOUT_MS),
      ]);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    })();
    return this.stopping;
  }
}
