import type { MetricSource } from '../../metrics/metric-source.ts';
import type { Tsdb } from '../../metrics/tsdb.ts';
import type { Timeline } from '../../timeline/timeline.ts';
import type { Workspace } from '../../testbed/workspace.ts';
import { UserInputError, type InfraError } from '../../util/errors.ts';
import { startCrashLoop } from '../crash-loop.ts';
import type { ServiceLogStore } from '../../testbed/service-logs.ts';
import type { TruthBucket } from '../truth.ts';
import type { Revision, World, WorldInfo } from '../world.ts';
import type { LoadDriver } from './load-driver.ts';
import type { LocalResources } from './local-resources.ts';
import type { LocalTestbed } from './local-testbed.ts';
import type { ScaledClock } from './scaled-clock.ts';
import type { StatsView } from './stats-view.ts';
import type { TrafficRouter } from './traffic-router.ts';
import type { WeightedTruth } from './weighted-truth.ts';
import type { EventPayload, EventType } from '../../timeline/event-catalog.ts';

export interface LocalWorldParts {
  clock: ScaledClock;
  timeline: Timeline;
  workspace: Workspace;
  deployService: string;
  metrics: MetricSource;
  /** The embedded scraper's TSDB, written in drill time; none when a real Prometheus scrapes. */
  tsdb?: Tsdb;
  testbed: LocalTestbed;
  view: StatsView;
  load: LoadDriver;
  truth: WeightedTruth;
  resources: LocalResources;
  /** Replicas of the deployed service at full size (canary replicas follow the weight from it). */
  fullReplicas: number;
  logs: ServiceLogStore;
  /** The commits the deployed service's stable and canary slots run (shared with the truth recorder). */
  slots: { stable: Revision; canary?: Revision };
  info: WorldInfo;
  /** Settles once the metrics backend has scraped every target (or failed: then `fail` was called). */
  metricsReady: Promise<void>;
  /** The real Prometheus's HTTP API on 127.0.0.1, when one scrapes (the cluster backend's Argo queries it). */
  prometheusUrl?: string;
}

/**
 * The `local` backend: the testbed as real processes behind weighted routers, real load, real
 * scrapes, on a compressed wall clock. Every method acts on the real system and returns once
 * the change is live (code loaded, weight set); the clock only moves with real time.
 */
export class LocalWorld implements World {
  readonly backend = 'local' as const;
  readonly clock: ScaledClock;
  readonly metrics: MetricSource;
  readonly tsdb?: Tsdb;
  readonly workspace: Workspace;
  readonly deployService: string;
  readonly info: WorldInfo;
  readonly logs: ServiceLogStore;
  private canaryReplicas: number | 'follow-weight' = 'follow-weight';
  private weight = 0;
  private canaryLive = false;
  private failure: InfraError | undefined;
  /** advanceTo calls in progress: released by a failure (with it) or a stop (without). */
  private readonly waiters = new Set<(err?: InfraError) => void>();

  constructor(private readonly parts: LocalWorldParts) {
    this.clock = parts.clock;
    this.metrics = parts.metrics;
    this.tsdb = parts.tsdb;
    this.workspace = parts.workspace;
    this.deployService = parts.deployService;
    this.info = parts.info;
    this.logs = parts.logs;
  }

  /** The real Prometheus's HTTP API (real time, real ranges), or undefined with the embedded scraper. */
  get prometheusUrl(): string | undefined {
    return this.parts.prometheusUrl;
  }

  /** A process died or Prometheus crashed: the run fails with that cause, and everything stops. */
  fail(err: InfraError): void {
    if (this.failure || this.parts.resources.stopped) return;
    this.failure = err;
    void this.stop();
  }

  commits(): { stable: Revision; canary?: Revision } {
    const { stable, canary } = this.parts.slots;
    return this.canaryLive && canary ? { stable, canary } : { stable };
  }

  async startCanary(weight: number, revision: Revision): Promise<void> {
    await this.parts.testbed.canary.load(await this.workspace.worktreeOf(revision), 0);
    this.parts.slots.canary = revision;
    this.canaryLive = true;
    this.parts.view.canaryStarted = true;
    this.emit('world.canary.started', { service: this.deployService, commit: revision.slice(0, 12), role: 'canary' });
    await this.setCanaryWeight(weight);
  }

  async prepareRevision(revision: Revision): Promise<boolean> {
    try {
      await this.parts.testbed.canary.load(await this.workspace.worktreeOf(revision), 0);
      return true;
    } catch (err) {
      // The canary process stays up without code: as on sim, the revision's pods crash-loop.
      if (!(err instanceof UserInputError)) throw err;
      startCrashLoop({ clock: this.clock, logs: this.logs, service: this.deployService, commit: revision, error: err.message, until: Number.POSITIVE_INFINITY, emit: (type, data) => this.emit(type, data) });
      return false;
    }
  }

  async setCanaryWeight(weight: number): Promise<void> {
    // Capacity comes before traffic when growing, and traffic leaves before capacity when shrinking.
    const growing = weight > this.weight;
    this.weight = weight;
    if (growing) this.applyCanaryScale();
    this.router().setCanaryWeight(weight);
    if (!growing) this.applyCanaryScale();
    this.emit('world.traffic.weight', { service: this.deployService, canary: weight, stable: 100 - weight });
  }

  async setCanaryReplicas(replicas: number | 'follow-weight'): Promise<void> {
    this.canaryReplicas = replicas;
    this.applyCanaryScale();
  }

  async promoteCanary(): Promise<void> {
    // The canary's revision becomes stable: the stable process deploys it at full size (as on sim).
    const stable = this.parts.testbed.stable.get(this.deployService)!;
    const revision = this.parts.slots.canary ?? this.parts.slots.stable;
    await stable.load(await this.workspace.worktreeOf(revision), this.parts.fullReplicas);
    this.parts.slots.stable = revision;
    this.router().setCanaryWeight(0);
    this.weight = 0;
    this.parts.testbed.canary.resize(0);
    this.emit('world.promoted', { service: this.deployService, commit: revision.slice(0, 12), role: 'stable' });
  }

  async abortCanary(scaleDownDelayMs: number): Promise<void> {
    await this.setCanaryWeight(0);
    this.clock.schedule(this.clock.now() + scaleDownDelayMs, () => {
      this.parts.testbed.canary.resize(0);
      this.emit('world.canary.scaled-down', { service: this.deployService });
    });
  }

  /**
   * Returns once drill time reaches `t` and the metrics backend has scraped every target: the
   * runner's first call runs to the deploy, and no deploy goes out before its metrics exist (at
   * a high time scale a slow Prometheus start then delays the deploy in drill time).
   */
  async advanceTo(t: number, signal?: AbortSignal): Promise<void> {
    await this.waitUntil(t, signal);
    await this.parts.metricsReady;
    if (this.failure) throw this.failure;
  }

  private async waitUntil(t: number, signal?: AbortSignal): Promise<void> {
    if (this.failure) throw this.failure;
    if (signal?.aborted || this.clock.now() >= t) return;
    await new Promise<void>((resolve, reject) => {
      const done = (err?: InfraError): void => {
        cancel();
        signal?.removeEventListener('abort', onAbort);
        this.waiters.delete(done);
        if (err) reject(err);
        else resolve();
      };
      const onAbort = (): void => done();
      const cancel = this.clock.schedule(t, () => done());
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(done);
    });
  }

  takeTruth(final = false): TruthBucket[] {
    return this.parts.truth.takeBefore(final ? Number.POSITIVE_INFINITY : this.parts.load.completeBefore(this.clock.now()));
  }

  async stop(): Promise<void> {
    // Time stops for everyone (a human's pending hour of investigation must not keep the
    // process alive); a caller still waiting in advanceTo is released.
    this.clock.halt();
    for (const w of [...this.waiters]) w(this.failure);
    await this.parts.resources.stopAll();
  }

  private applyCanaryScale(): void {
    if (!this.canaryLive) return;
    const replicas = this.canaryReplicas === 'follow-weight' ? Math.ceil((this.parts.fullReplicas * this.weight) / 100) : this.canaryReplicas;
    this.parts.testbed.canary.resize(replicas);
  }

  private router(): TrafficRouter {
    return this.parts.testbed.routers.get(this.deployService)!;
  }

  private emit<K extends EventType>(type: K, data: EventPayload<K>): void {
    this.parts.timeline.emit(this.clock.now(), 'world', type, data);
  }
}
