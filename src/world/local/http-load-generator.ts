import type { Agent } from 'node:http';
import { requestJson, type HttpAnswer } from '../../testbed/process/http-json.ts';
import { REQUEST_ID_HEADER } from '../../testbed/process/messages.ts';
import type { Rng } from '../../util/rng.ts';
import type { LoadSpec } from '../load-spec.ts';
import type { RequestOutcome } from '../truth.ts';

export interface LoadCounters {
  /** Arrivals due so far (iterations k6 would have started). */
  arrivals: number;
  sent: number;
  dropped: number;
  completed: number;
  timedOut: number;
}

export interface HttpLoadOptions {
  port: number;
  spec: LoadSpec;
  rng: Rng;
  agent: Agent;
  /** Request bodies for POST routes, serialized once. */
  bodies: string[];
  /** Virtual ms of the current instant (outcomes are stamped with it). */
  now: () => number;
  onOutcome: (o: RequestOutcome) => void;
  trace?: CanaryTrace;
}

/**
 * Which version of the deployed service a settled user request went through (`canary` counts
 * it as the canary's): the router's notes by request id on local (RequestTrace), the answer's
 * x-firedrill-served header on kind.
 */
export interface CanaryTrace {
  take(requestId: string, answer: HttpAnswer): string | undefined;
}

/**
 * k6's constant-arrival-rate executor over real HTTP: arrival i is due at start + i/rate, whatever
 * the responses do (an open model: a stall shows as latency and dropped iterations, never as less
 * load). Due arrivals are started together when a timer fires late, so the count never drifts. An
 * arrival that finds `maxInFlight` requests open is a dropped iteration (k6's maxVUs).
 */
export class HttpLoadGenerator {
  readonly counters: LoadCounters = { arrivals: 0, sent: 0, dropped: 0, completed: 0, timedOut: 0 };
  /** Virtual start of every open request, oldest first (Map keeps insertion order). */
  private readonly open = new Map<string, number>();
  private startPerf = 0;
  private total = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly gapMs: number;
  private readonly totalWeight: number;
  private settledAll: (() => void) | undefined;

  constructor(private readonly opts: HttpLoadOptions) {
    this.gapMs = 1000 / opts.spec.rate;
    this.totalWeight = opts.spec.mix.reduce((s, m) => s + m.weight, 0);
  }

  /** Starts arrivals now, for `durationMs` of real time. */
  start(durationMs: number): void {
    this.startPerf = performance.now();
    this.total = Math.floor(durationMs / this.gapMs);
    this.tick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Resolves when no request is open any more (after stop(), or when arrivals ran out). */
  drained(): Promise<void> {
    if (this.open.size === 0) return Promise.resolve();
    return new Promise((resolve) => (this.settledAll = resolve));
  }

  /** Virtual start of the oldest request still open: ground truth before it is complete. */
  oldestOpenStart(): number | undefined {
    for (const start of this.open.values()) return start;
    return undefined;
  }

  private tick = (): void => {
    if (this.stopped) return;
    const now = performance.now();
    while (this.counters.arrivals < this.total && this.startPerf + this.counters.arrivals * this.gapMs <= now) {
      this.counters.arrivals++;
      this.arrive();
    }
    if (this.counters.arrivals >= this.total) return;
    const next = this.startPerf + this.counters.arrivals * this.gapMs;
    this.timer = setTimeout(this.tick, Math.max(0, next - performance.now()));
  };

  private arrive(): void {
    const { spec, rng } = this.opts;
    const start = this.opts.now();
    if (this.open.size >= spec.maxInFlight) {
      this.counters.dropped++;
      this.opts.onOutcome({ start, latencyMs: 0, status: 0, error: 'dropped', servedByCanary: false });
      return;
    }
    const mix = this.pickRoute();
    const path = mix.method === 'GET' ? `${mix.route}?page=${1 + rng.int(20)}` : mix.route;
    const body = mix.method === 'POST' ? this.opts.bodies[rng.int(this.opts.bodies.length)] : undefined;
    const id = `u${this.counters.arrivals}`;
    this.open.set(id, start);
    this.counters.sent++;
    const sentAt = performance.now();
    void requestJson(this.opts.agent, this.opts.port, { method: mix.method, path, body, timeoutMs: spec.timeoutMs, headers: { [REQUEST_ID_HEADER]: id } }).then((answer) => {
      this.open.delete(id);
      this.counters.completed++;
      if (answer.timedOut) this.counters.timedOut++;
      const servedByCanary = this.opts.trace?.take(id, answer) === 'canary';
      const latencyMs = performance.now() - sentAt;
      this.opts.onOutcome(
        answer.timedOut
          ? { start, latencyMs, status: 0, error: 'timeout', servedByCanary }
          : { start, latencyMs, status: answer.status, servedByCanary },
      );
      if (this.open.size === 0 && this.settledAll) this.settledAll();
    });
  }

  private pickRoute(): LoadSpec['mix'][number] {
    let x = this.opts.rng.next() * this.totalWeight;
    for (const m of this.opts.spec.mix) {
      x -= m.weight;
      if (x < 0) return m;
    }
    return this.opts.spec.mix[this.opts.spec.mix.length - 1];
  }
}
