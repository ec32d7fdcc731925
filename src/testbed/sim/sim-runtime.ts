import { DeadlineQueue } from '../../clock/deadline-queue.ts';
import type { VirtualClock } from '../../clock/virtual-clock.ts';
import type { Rng } from '../../util/rng.ts';
import type { CallOptions, ServiceRequest, ServiceResponse } from '../sdk.ts';
import type { ServiceCode } from '../service-code.ts';
import { Invocation, OVERLOAD_STATUS } from './invocation.ts';
import { MetricsRecorder } from './metrics-recorder.ts';
import type { Reply } from './reply.ts';
import { SimCall } from './sim-call.ts';
import { SimContext } from './sim-context.ts';
import type { SimVersion } from './sim-version.ts';
import { TIMEOUT_STATUS } from '../core/statuses.ts';
import { WorkerPool } from '../core/worker-pool.ts';
import type { VersionStats } from '../version-stats.ts';
import type { Interference } from '../core/interference.ts';
import { ServiceLogStore, type ServiceLogLine } from '../service-logs.ts';

export { OVERLOAD_STATUS, TIMEOUT_STATUS };

export type { VersionStats };

/**
 * What a user request carries through every hop: which version of one watched service (the
 * deployed one) served it, for the ground truth. Only that one is kept: a record of every
 * service's version, written with a different key at each hop, cost a megamorphic store per hop.
 */
export interface Trace {
  /** The service whose serving version is recorded. */
  readonly watch?: string;
  /** `stable` or `canary`, once the watched service has served the request. */
  served?: string;
}

/** A line a service logged (ctx.log): see ServiceLogStore. */
export type LogLine = ServiceLogLine;

interface Service {
  name: string;
  stable?: SimVersion;
  canary?: SimVersion;
  /** Percent of this service's traffic that goes to the `canary` version. */
  canaryWeight: number;
  /** Acts on every version, including one added later. */
  interference?: Interference;
}

/**
 * Runs testbed handler code in virtual time: every `ctx.work` is a clock event, every
 * `ctx.call` goes through the callee's worker pool, with timeouts and retries as configured
 * (SimCall). Between handlers, responses pass as callbacks (Reply), not promise chains.
 */
export class SimRuntime {
  readonly metrics = new MetricsRecorder();
  private readonly services = new Map<string, Service>();
  private readonly deadlines = new Map<number, DeadlineQueue>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly rng: Rng,
    /** Spread of service times around the handler's nominal ms (sigma of a log-normal). */
    private readonly jitter = 0.25,
    /** Where ctx.log lines go (the world's log store, searched by agents). */
    readonly logs = new ServiceLogStore(),
  ) {}

  addVersion(code: ServiceCode, label: 'stable' | 'canary', replicas = code.config.runtime.replicas): void {
    let svc = this.services.get(code.name);
    if (!svc) {
      svc = { name: code.name, canaryWeight: 0 };
      this.services.set(code.name, svc);
    }
    const rt = code.config.runtime;
    const pool = new WorkerPool(replicas * rt.concurrencyPerReplica, rt.queueLimit);
    const version: SimVersion = { service: code.name, label, code, pool, replicas, metrics: this.metrics, instruments: this.metrics.instruments(code.name, label), interference: svc.interference };
    svc[label] = version;
    const labels = { service: code.name, version: label };
    this.metrics.registerGauge('service_queue_depth', labels, () => pool.queued);
    this.metrics.registerGauge('service_busy_workers', labels, () => pool.busy);
    this.metrics.registerGauge('service_workers', labels, () => pool.capacity);
  }

  setCanaryWeight(service: string, pct: number): void {
    this.service(service).canaryWeight = Math.max(0, Math.min(100, pct));
  }

  /** Starts (or with undefined ends) an interference on every version of `service`. */
  setInterference(service: string, interference: Interference | undefined): void {
    const svc = this.service(service);
    svc.interference = interference;
    for (const v of [svc.stable, svc.canary]) if (v) v.interference = interference;
  }

  setReplicas(service: string, label: 'stable' | 'canary', replicas: number): void {
    const v = this.service(service)[label];
    if (!v) return;
    v.replicas = replicas;
    v.pool.resize(replicas * v.code.config.runtime.concurrencyPerReplica);
  }

  /** Replaces the code of a version (a promoted canary becomes stable). */
  replaceCode(service: string, label: 'stable' | 'canary', code: ServiceCode): void {
    const v = this.service(service)[label];
    if (v) v.code = code;
  }

  serviceNames(): string[] {
    return [...this.services.keys()];
  }

  versionStats(service: string): VersionStats[] {
    const svc = this.service(service);
    return [svc.stable, svc.canary]
      .filter((v): v is SimVersion => v !== undefined)
      .map((v) => ({
        version: v.label, busy: v.pool.busy, queued: v.pool.queued, workers: v.pool.capacity,
        requests: v.instruments.requests, serverErrors: v.instruments.serverErrors, dependencyTimeouts: v.instruments.dependencyTimeouts,
      }));
  }

  /** A request arriving at `service`; its response goes to `reply`. */
  dispatch(service: string, req: ServiceRequest, trace: Trace, reply: Reply): void {
    const svc = this.service(service);
    const version = this.pickVersion(svc);
    if (service === trace.watch) trace.served = version.label;
    new Invocation(this.clock, version, req, new SimContext(this, version, trace), reply).run();
  }

  /** dispatch, answered as a promise (for callers off the hot path). */
  invoke(service: string, req: ServiceRequest, trace: Trace): Promise<ServiceResponse> {
    return new Promise((resolve) => this.dispatch(service, req, trace, { answer: resolve }));
  }

  work(ms: number): Promise<void> {
    return this.clock.sleep(ms * Math.exp(this.jitter * this.gaussian()));
  }

  random(): number {
    return this.rng.next();
  }

  call(from: SimVersion, target: string, route: string, body: unknown, opts: CallOptions, trace: Trace): Promise<ServiceResponse> {
    return new SimCall(this, from, target, route, body, opts.timeoutMs, trace, opts).start();
  }

  /** Runs `fn` after `ms` of virtual time (a retry's backoff). */
  after(ms: number, fn: () => void): void {
    this.clock.enqueue(this.clock.now() + ms, fn);
  }

  /** One deadline queue per timeout length (deadlines of one length arrive in order). */
  timeouts(timeoutMs: number): DeadlineQueue {
    let q = this.deadlines.get(timeoutMs);
    if (!q) {
      q = new DeadlineQueue(this.clock, timeoutMs);
      this.deadlines.set(timeoutMs, q);
    }
    return q;
  }

  log(from: SimVersion, level: string, message: string, fields: Record<string, unknown>): void {
    this.logs.add({ t: this.clock.now(), service: from.service, version: from.label, level, message, fields });
  }

  private pickVersion(svc: Service): SimVersion {
    const { stable, canary } = svc;
    if (canary && svc.canaryWeight > 0 && (!stable || this.rng.next() * 100 < svc.canaryWeight)) return canary;
    return (stable ?? canary)!;
  }

  private gaussian(): number {
    // Box-Muller from the runtime's own stream; one draw per work() call keeps replays exact.
    const u = 1 - this.rng.next();
    const v = this.rng.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  private service(name: string): Service {
    const svc = this.services.get(name);
    if (!svc) throw new Error(`unknown service ${name}`);
    return svc;
  }
}
