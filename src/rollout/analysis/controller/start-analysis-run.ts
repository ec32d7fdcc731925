/**
 * An AnalysisRun on a Clock. Reconciles at once (a clock event at `now`), re-reconciles at the
 * same instant while the status keeps changing (Argo re-queues a run on every status update,
 * analysis/controller.go; SEMANTICS §5.1, §10.1), then sleeps until the earliest due measurement.
 * The same code runs on VirtualClock and WallClock.
 */
import type { Clock } from '../../../clock/clock.ts';
import type { MetricSource } from '../../../metrics/metric-source.ts';
import type { ProviderFactory } from '../providers/metric-provider.ts';
import { createPrometheusProvider } from '../providers/prometheus-provider.ts';
import { createWebProvider, type FetchImpl } from '../providers/web-provider.ts';
import { isCompletedPhase, type AnalysisPhase, type AnalysisRunSpec, type AnalysisRunStatus } from '../types.ts';
import { EVENT_RUN_PHASE, EVENT_RUN_TERMINATE, runPhasePayload, type EmitFn } from './analysis-events.ts';
import { keepClockAwake } from './keep-clock-awake.ts';
import { nextReconcileTime } from './metric-schedule.ts';
import { reconcileRun, resolveRunMetrics, type RunState } from './reconcile-run.ts';

export type { EmitFn } from './analysis-events.ts';

export interface StartAnalysisRunOptions {
  name: string;
  spec: AnalysisRunSpec;
  clock: Clock;
  /** Answers the `prometheus` provider's queries (the embedded engine, or a real Prometheus). */
  metrics: MetricSource;
  emit: EmitFn;
  /** For the `web` provider; defaults to Node's fetch. */
  fetchImpl?: FetchImpl;
  /** Replaces the provider construction (tests, conformance). */
  providerFactory?: ProviderFactory;
  /**
   * Reconciles allowed at one instant before the next one is pushed 1 ms later. Only a metric with
   * `interval: 0s` can hit it (Argo would hammer such a metric in real time).
   */
  maxReconcilesPerInstant?: number;
}

export interface AnalysisRunHandle {
  readonly name: string;
  readonly phase: AnalysisPhase;
  readonly status: AnalysisRunStatus;
  /** Resolves once the phase is completed, or when stop() is called (the phase may then still be Running). */
  readonly done: Promise<AnalysisRunStatus>;
  onChange(cb: (status: AnalysisRunStatus) => void): () => void;
  terminate(): void;
  stop(): void;
}

export function startAnalysisRun(opts: StartAnalysisRunOptions): AnalysisRunHandle {
  return new AnalysisRunController(opts).handle();
}

function defaultProviders(source: MetricSource, fetchImpl: FetchImpl | undefined): ProviderFactory {
  return (metric) => {
    if (metric.provider.prometheus) return createPrometheusProvider(metric, source);
    if (metric.provider.web) return createWebProvider(metric, fetchImpl);
    throw new Error(`metric "${metric.name}": no supported provider (firedrill supports prometheus and web)`);
  };
}

class AnalysisRunController {
  private readonly state: RunState;
  private readonly listeners = new Set<(s: AnalysisRunStatus) => void>();
  private readonly providerFor: ProviderFactory;
  private readonly maxPerInstant: number;
  private cancelWakeup: (() => void) | undefined;
  private running = false;
  private dirty = false;
  private stopped = false;
  private resolveDone!: (s: AnalysisRunStatus) => void;
  readonly done: Promise<AnalysisRunStatus>;

  constructor(private readonly opts: StartAnalysisRunOptions) {
    const spec = structuredClone(opts.spec);
    this.state = { name: opts.name, spec, status: { phase: 'Pending', metricResults: [], runSummary: { count: 0, successful: 0, failed: 0, inconclusive: 0, error: 0 } } };
    this.providerFor = opts.providerFactory ?? defaultProviders(opts.metrics, opts.fetchImpl);
    this.maxPerInstant = opts.maxReconcilesPerInstant ?? 1000;
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.wakeAt(opts.clock.now());
  }

  handle(): AnalysisRunHandle {
    const self = this;
    return {
      name: this.state.name,
      get phase() {
        return self.state.status.phase;
      },
      get status() {
        return structuredClone(self.state.status);
      },
      done: this.done,
      onChange: (cb) => {
        this.listeners.add(cb);
        return () => this.listeners.delete(cb);
      },
      terminate: () => this.terminate(),
      stop: () => this.stop(),
    };
  }

  private terminate(): void {
    if (this.stopped || this.state.spec.terminate || isCompletedPhase(this.state.status.phase)) return;
    this.state.spec.terminate = true;
    this.opts.emit(EVENT_RUN_TERMINATE, { run: this.state.name });
    if (this.running) this.dirty = true;
    else this.wakeAt(this.opts.clock.now());
  }

  private stop(): void {
    this.stopped = true;
    this.cancelWakeup?.();
    this.resolveDone(structuredClone(this.state.status));
  }

  private wakeAt(at: number): void {
    this.cancelWakeup?.();
    this.cancelWakeup = this.opts.clock.schedule(at, () => void this.reconcileToQuiescence());
  }

  /** Reconciles until the status stops changing at this instant, then schedules the next due time. */
  private async reconcileToQuiescence(): Promise<void> {
    if (this.stopped) return;
    if (this.running) {
      this.dirty = true;
      return;
    }
    this.running = true;
    const stopPump = keepClockAwake(this.opts.clock);
    try {
      for (let n = 1; ; n++) {
        this.dirty = false;
        const before = JSON.stringify(this.state.status);
        await this.reconcileOnce();
        if (this.stopped) return;
        const changed = JSON.stringify(this.state.status) !== before;
        if (changed) this.notify();
        if (isCompletedPhase(this.state.status.phase)) {
          this.cancelWakeup?.();
          this.resolveDone(structuredClone(this.state.status));
          return;
        }
        if (!changed && !this.dirty) break;
        if (n >= this.maxPerInstant) {
          this.wakeAt(this.opts.clock.now() + 1);
          return;
        }
      }
      this.scheduleNext();
    } finally {
      stopPump();
      this.running = false;
    }
  }

  private async reconcileOnce(): Promise<void> {
    try {
      // After stop() (world teardown) an in-flight reconcile finishes silently.
      const emit: EmitFn = (type, data) => {
        if (!this.stopped) this.opts.emit(type, data);
      };
      await reconcileRun(this.state, { clock: this.opts.clock, providerFor: this.providerFor, emit });
    } catch (err) {
      // A bug, not an analysis outcome: surface it as the run's Error instead of an unhandled rejection.
      const status = this.state.status;
      const previous = status.phase;
      status.phase = 'Error';
      status.message = `internal error in firedrill's analysis controller: ${(err as Error).message}`;
      status.completedAt ??= this.opts.clock.now();
      this.opts.emit(EVENT_RUN_PHASE, runPhasePayload(this.state.name, 'Error', previous, status.message));
    }
  }

  private scheduleNext(): void {
    let metrics;
    try {
      metrics = resolveRunMetrics(this.state.spec);
    } catch {
      return;
    }
    const at = nextReconcileTime(metrics, this.state.status.metricResults, this.state.status.startedAt);
    if (at !== undefined) this.wakeAt(Math.max(at, this.opts.clock.now()));
  }

  private notify(): void {
    for (const cb of [...this.listeners]) {
      try {
        cb(structuredClone(this.state.status));
      } catch (err) {
        // A listener's bug must not become the run's outcome; rethrow outside the run loop.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }
}
