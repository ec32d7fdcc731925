import { VirtualClock } from '../../clock/virtual-clock.ts';
import type { MetricSource } from '../../metrics/metric-source.ts';
import { Tsdb } from '../../metrics/tsdb.ts';
import type { Timeline } from '../../timeline/timeline.ts';
import { loadServiceCode, type ServiceCode } from '../../testbed/service-code.ts';
import { SimRuntime } from '../../testbed/sim/sim-runtime.ts';
import type { Workspace } from '../../testbed/workspace.ts';
import type { Rng } from '../../util/rng.ts';
import type { Revision, World } from '../world.ts';
import { TruthRecorder, type TruthBucket } from '../truth.ts';
import { LoadGenerator, type LoadSpec } from './load-generator.ts';
import { createCartPool } from '../payloads.ts';
import { takeSnapshot } from '../snapshot.ts';
import { SaturationWatch } from '../saturation-watch.ts';
import type { EventPayload, EventType } from '../../timeline/event-catalog.ts';
import { startCrashLoop } from '../crash-loop.ts';
import { scheduleInterference } from '../schedule-interference.ts';
import type { Scenario } from '../../scenario/scenario.ts';
import { UserInputError } from '../../util/errors.ts';

/** How often pools are checked for saturation: fine enough to order a cascade's steps. */
const SATURATION_CHECK_MS = 200;

export interface SimWorldOptions {
  seed: number;
  rng: Rng;
  timeline: Timeline;
  workspace: Workspace;
  stable: ServiceCode[];
  deployService: string;
  /** The deployed service's new code; absent when it does not load (its pods will crash-loop). */
  canary?: ServiceCode;
  entry: string;
  load: LoadSpec;
  slowMs: number;
  /** Nothing is scheduled past this: the longest the run may go. */
  horizonMs: number;
  scrapeIntervalMs: number;
  snapshotIntervalMs?: number;
  createMetricSource: (tsdb: Tsdb, clock: VirtualClock) => MetricSource;
  /** The scenario's trouble from outside the deploy, and when the deploy is scheduled. */
  scenario: Pick<Scenario, 'interference' | 'baselineMs'>;
}

/** The `sim` backend: the testbed in virtual time, scraped into the embedded TSDB. */
export class SimWorld implements World {
  readonly backend = 'sim' as const;
  readonly clock: VirtualClock;
  readonly tsdb = new Tsdb();
  readonly metrics: MetricSource;
  readonly workspace: Workspace;
  readonly deployService: string;
  readonly runtime: SimRuntime;
  readonly logs: SimRuntime['logs'];
  private readonly truth: TruthRecorder;
  private readonly load: LoadGenerator;
  private canaryReplicas: number | 'follow-weight' = 'follow-weight';
  private stableRevision: Revision;
  private canaryRevision: Revision | undefined;
  private canaryCreated = false;
  private weight = 0;
  /** Replicas of the deployed service at full size (canary replicas follow the weight from it). */
  private readonly fullReplicas: number;
  /** The deployed service's code by commit, each loaded from the commit's own worktree. */
  private readonly code = new Map<Revision, ServiceCode>();

  constructor(private readonly opts: SimWorldOptions) {
    this.clock = new VirtualClock(0);
    this.workspace = opts.workspace;
    this.deployService = opts.deployService;
    this.runtime = new SimRuntime(this.clock, opts.rng.fork('runtime'));
    this.logs = this.runtime.logs;
    for (const code of opts.stable) this.runtime.addVersion(code, 'stable');
    this.stableRevision = opts.workspace.v1;
    const stableCode = opts.stable.find((c) => c.name === this.deployService)!;
    this.code.set(opts.workspace.v1, stableCode);
    if (opts.canary) this.code.set(opts.workspace.v2, opts.canary);
    this.fullReplicas = (opts.canary ?? stableCode).config.runtime.replicas;
    // Every user request names its commit: one short id per revision, not a new string per request.
    const shortIds = new Map<Revision, string>();
    const shortId = (revision: Revision): string => {
      let id = shortIds.get(revision);
      if (id === undefined) {
        id = short(revision);
        shortIds.set(revision, id);
      }
      return id;
    };
    this.truth = new TruthRecorder(opts.slowMs, (slot) => shortId(slot === 'canary' ? this.canaryRevision ?? this.stableRevision : this.stableRevision));
    this.metrics = opts.createMetricSource(this.tsdb, this.clock);
    const carts = createCartPool(opts.seed);
    this.load = new LoadGenerator(this.clock, opts.rng.fork('load'), this.runtime, opts.load, opts.entry, this.deployService, carts, (o) => this.truth.record(o));
    this.load.start(0, opts.horizonMs);
    this.every(opts.scrapeIntervalMs, () => this.runtime.metrics.scrapeInto(this.tsdb, this.clock.now()));
    this.every(opts.snapshotIntervalMs ?? 10_000, () => this.emitSnapshot());
    scheduleInterference({ clock: this.clock, scenario: opts.scenario, apply: (service, x) => this.runtime.setInterference(service, x), emit: (type, data) => this.emit(type, data) });
    const watch = new SaturationWatch(this.runtime);
    this.every(SATURATION_CHECK_MS, () => {
      for (const c of watch.check()) this.opts.timeline.emitUntyped(this.clock.now(), 'world', `world.${c.type}`, { service: c.service, version: c.version, ...c.detail });
    });
  }

  commits(): { stable: Revision; canary?: Revision } {
    return this.canaryRevision && this.canaryCreated ? { stable: this.stableRevision, canary: this.canaryRevision } : { stable: this.stableRevision };
  }

  async startCanary(weight: number, revision: Revision): Promise<void> {
    const code = await this.codeOf(revision);
    this.canaryRevision = revision;
    if (this.canaryCreated) {
      this.runtime.replaceCode(this.deployService, 'canary', code);
    } else {
      this.runtime.addVersion(code, 'canary', 0);
      this.canaryCreated = true;
    }
    this.emit('world.canary.started', { service: this.deployService, commit: short(revision), role: 'canary' });
    await this.setCanaryWeight(weight);
  }

  async prepareRevision(revision: Revision): Promise<boolean> {
    try {
      await this.codeOf(revision);
      return true;
    } catch (err) {
      // Code that does not load is the scenario's fault, not the harness's: its pods crash-loop.
      if (!(err instanceof UserInputError)) throw err;
      startCrashLoop({ clock: this.clock, logs: this.logs, service: this.deployService, commit: revision, error: err.message, until: this.opts.horizonMs, emit: (type, data) => this.emit(type, data) });
      return false;
    }
  }

  async setCanaryWeight(weight: number): Promise<void> {
    this.weight = weight;
    this.runtime.setCanaryWeight(this.deployService, weight);
    this.applyCanaryScale();
    this.emit('world.traffic.weight', { service: this.deployService, canary: weight, stable: 100 - weight });
  }

  async setCanaryReplicas(replicas: number | 'follow-weight'): Promise<void> {
    this.canaryReplicas = replicas;
    this.applyCanaryScale();
  }

  async promoteCanary(): Promise<void> {
    // The canary's revision becomes the stable ReplicaSet, at full size.
    const revision = this.canaryRevision ?? this.stableRevision;
    this.runtime.replaceCode(this.deployService, 'stable', await this.codeOf(revision));
    this.stableRevision = revision;
    this.runtime.setCanaryWeight(this.deployService, 0);
    this.runtime.setReplicas(this.deployService, 'canary', 0);
    this.weight = 0;
    this.emit('world.promoted', { service: this.deployService, commit: short(revision), role: 'stable' });
  }

  async abortCanary(scaleDownDelayMs: number): Promise<void> {
    await this.setCanaryWeight(0);
    this.clock.schedule(this.clock.now() + scaleDownDelayMs, () => {
      this.runtime.setReplicas(this.deployService, 'canary', 0);
      this.emit('world.canary.scaled-down', { service: this.deployService });
    });
  }

  async advanceTo(t: number, signal?: AbortSignal): Promise<void> {
    // Handlers that throw (a code defect failing a third of requests) would spend most of the
    // sim's time capturing stack traces nobody reads; the sim records only error messages.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      await this.clock.runUntil(t, signal ? () => signal.aborted : undefined, signal);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  takeTruth(final = false): TruthBucket[] {
    return this.truth.takeBefore(final ? Number.POSITIVE_INFINITY : this.clock.now() - this.opts.load.timeoutMs);
  }

  async stop(): Promise<void> {
    this.load.stop();
  }

  /**
   * The deployed service's code at a commit. A commit first deployed during the run (a fix) is
   * loaded from its worktree while virtual time holds: loading code takes no drill time.
   */
  private async codeOf(revision: Revision): Promise<ServiceCode> {
    const known = this.code.get(revision);
    if (known) return known;
    const load = async (): Promise<ServiceCode> => loadServiceCode(await this.workspace.worktreeOf(revision), this.deployService);
    const { value } = await this.clock.hold(load());
    this.code.set(revision, value);
    return value;
  }

  /** Canary replicas follow the weight (Argo with trafficRouting) unless setCanaryScale pinned them. */
  private applyCanaryScale(): void {
    const replicas = this.canaryReplicas === 'follow-weight' ? Math.ceil((this.fullReplicas * this.weight) / 100) : this.canaryReplicas;
    this.runtime.setReplicas(this.deployService, 'canary', replicas);
  }

  private every(intervalMs: number, fn: () => void): void {
    const tick = (at: number): void => {
      if (at > this.opts.horizonMs) return;
      this.clock.schedule(at, () => {
        fn();
        tick(at + intervalMs);
      });
    };
    tick(intervalMs);
  }

  private emitSnapshot(): void {
    this.emit('world.snapshot', takeSnapshot(this.runtime));
  }

  private emit<K extends EventType>(type: K, data: EventPayload<K>): void {
    this.opts.timeline.emit(this.clock.now(), 'world', type, data);
  }
}

/** Commits as the timeline and the truth name them: 12 hex digits. */
export function short(commit: string): string {
  return commit.slice(0, 12);
}
