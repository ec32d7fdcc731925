import type { MetricSource } from '../../../metrics/metric-source.ts';
import type { ServiceLogStore } from '../../../testbed/service-logs.ts';
import type { Workspace } from '../../../testbed/workspace.ts';
import type { Timeline } from '../../../timeline/timeline.ts';
import type { EventPayload, EventType } from '../../../timeline/event-catalog.ts';
import type { LoadDriver } from '../../local/load-driver.ts';
import type { LocalResources } from '../../local/local-resources.ts';
import type { ScaledClock } from '../../local/scaled-clock.ts';
import type { WeightedTruth } from '../../local/weighted-truth.ts';
import type { TruthBucket } from '../../truth.ts';
import type { KubeAccess } from '../../../agents/agent.ts';
import type { Revision, World, WorldControllerHandle, WorldControllerOptions, WorldInfo } from '../../world.ts';
import { startArgoController } from '../kube/argo-controller-handle.ts';
import type { KubeApi } from '../kube/kube-api.ts';
import { planKindDeployPatch } from '../manifests/kind-objects.ts';
import { deleteNamespace } from '../run-objects.ts';

export interface KindWorldParts {
  clock: ScaledClock;
  timeline: Timeline;
  workspace: Workspace;
  deployService: string;
  /** The in-cluster Prometheus through its port-forward, in drill time. */
  metrics: MetricSource;
  logs: ServiceLogStore;
  load: LoadDriver;
  truth: WeightedTruth;
  api: KubeApi;
  /** The kubeconfig exported for this run (in its temp dir) and kind's context: agents with their own Kubernetes client get it. */
  kube: Omit<KubeAccess, 'namespace'>;
  namespace: string;
  keep: boolean;
  /** The commits the deployed service's stable and canary ReplicaSets run (the truth reads them). */
  slots: { stable: Revision; canary?: Revision };
  info: WorldInfo;
  /** Port-forwards, the load, temp dirs: stopped in reverse order. */
  resources: LocalResources;
  /** Puts a revision's code (its ConfigMap) in the namespace, before any pod template names it. */
  publishCode: (revision: Revision) => Promise<void>;
}

const NAMESPACE_DELETE_TIMEOUT_MS = 60_000;

/**
 * The kind backend: everything runs in the cluster. Argo's controller decides and moves the
 * traffic itself (it writes the VirtualService, the router stand-ins follow it); the testbed's
 * pods run the commit their template names; the in-cluster Prometheus scrapes them. From the
 * host this world only sends the load (through a port-forward to the entry service's router),
 * reads PromQL (a port-forward to Prometheus) and keeps the ground truth from the answers'
 * x-firedrill-served header. So the canary methods the runner calls when Argo's split changes
 * only keep the slots and the timeline in step: there is nothing on the host to move.
 */
export class KindWorld implements World {
  readonly backend = 'kind' as const;
  readonly clock: ScaledClock;
  readonly metrics: MetricSource;
  readonly workspace: Workspace;
  readonly logs: ServiceLogStore;
  readonly deployService: string;
  readonly info: WorldInfo;
  private readonly controllers = new Set<WorldControllerHandle>();
  private canaryLive = false;
  private stopping: Promise<void> | undefined;

  constructor(private readonly parts: KindWorldParts) {
    this.clock = parts.clock;
    this.metrics = parts.metrics;
    this.workspace = parts.workspace;
    this.logs = parts.logs;
    this.deployService = parts.deployService;
    this.info = parts.info;
  }

  get namespace(): string {
    return this.parts.namespace;
  }

  kubeAccess(): KubeAccess {
    return { ...this.parts.kube, namespace: this.parts.namespace };
  }

  startRolloutController(o: WorldControllerOptions): WorldControllerHandle {
    const handle = startArgoController({
      api: this.parts.api, namespace: this.parts.namespace, ...o,
      deployPatch: async (commit) => {
        await this.parts.publishCode(commit);
        return planKindDeployPatch(this.deployService, commit);
      },
    });
    this.controllers.add(handle);
    return handle;
  }

  async startCanary(weight: number, revision: Revision): Promise<void> {
    this.parts.slots.canary = revision;
    this.canaryLive = true;
    this.emit('world.canary.started', { service: this.deployService, commit: revision.slice(0, 12), role: 'canary' });
    await this.setCanaryWeight(weight);
  }

  /** The revision's code is published; whether its pods start is the kubelet's to say (a crash loop keeps them unready, and Argo sees it). */
  async prepareRevision(revision: Revision): Promise<boolean> {
    await this.parts.publishCode(revision);
    return true;
  }

  commits(): { stable: Revision; canary?: Revision } {
    const { stable, canary } = this.parts.slots;
    return this.canaryLive && canary ? { stable, canary } : { stable };
  }

  async setCanaryWeight(weight: number): Promise<void> {
    this.emit('world.traffic.weight', { service: this.deployService, canary: weight, stable: 100 - weight });
  }

  /** Argo scales the canary ReplicaSet itself (setCanaryScale, or by weight). */
  async setCanaryReplicas(): Promise<void> {}

  async promoteCanary(): Promise<void> {
    const revision = this.parts.slots.canary ?? this.parts.slots.stable;
    this.parts.slots.stable = revision;
    this.canaryLive = false;
    this.emit('world.promoted', { service: this.deployService, commit: revision.slice(0, 12), role: 'stable' });
  }

  async abortCanary(scaleDownDelayMs: number): Promise<void> {
    await this.setCanaryWeight(0);
    this.clock.schedule(this.clock.now() + scaleDownDelayMs, () => this.emit('world.canary.scaled-down', { service: this.deployService }));
  }

  async advanceTo(t: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted || this.clock.now() >= t) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        cancel();
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const cancel = this.clock.schedule(t, done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  takeTruth(final = false): TruthBucket[] {
    return this.parts.truth.takeBefore(final ? Number.POSITIVE_INFINITY : this.parts.load.completeBefore(this.clock.now()));
  }

  /** Watches stopped, the load and port-forwards stopped, then the namespace deleted (unless --keep); once. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.clock.halt();
      for (const c of this.controllers) c.stop();
      await this.parts.resources.stopAll();
      if (!this.parts.keep) await deleteNamespace(this.parts.api, this.parts.namespace, NAMESPACE_DELETE_TIMEOUT_MS);
    })();
    return this.stopping;
  }

  private emit<K extends EventType>(type: K, data: EventPayload<K>): void {
    this.parts.timeline.emit(this.clock.now(), 'world', type, data);
  }
}
