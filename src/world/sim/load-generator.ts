import { DeadlineQueue, type Expiring } from '../../clock/deadline-queue.ts';
import type { VirtualClock } from '../../clock/virtual-clock.ts';
import type { Rng } from '../../util/rng.ts';
import type { SimRuntime, Trace } from '../../testbed/sim/sim-runtime.ts';
import type { ServiceResponse } from '../../testbed/sdk.ts';
import type { Reply } from '../../testbed/sim/reply.ts';
import type { RequestOutcome } from '../truth.ts';
import type { CartPayload } from '../payloads.ts';
import type { LoadSpec } from '../load-spec.ts';

export type { LoadSpec };


/**
 * k6's constant-arrival-rate executor in virtual time: iterations start at a fixed rate whatever
 * the responses do (an open model, so a stall shows as latency and dropped iterations, not as
 * less load). An arrival that finds `maxInFlight` requests open is a dropped iteration.
 */
export class LoadGenerator {
  inFlight = 0;
  private stopped = false;
  private readonly totalWeight: number;
  private readonly gapMs: number;
  private index = 0;
  private startMs = 0;
  private untilMs = 0;
  /** The arrival event's callback, made once (not a closure per request). */
  private readonly arriveFn = (): void => this.arrive();
  readonly timeouts: DeadlineQueue;

  constructor(
    readonly clock: VirtualClock,
    private readonly rng: Rng,
    private readonly runtime: SimRuntime,
    readonly spec: LoadSpec,
    private readonly entry: string,
    readonly deployService: string,
    private readonly carts: CartPayload[],
    readonly onOutcome: (o: RequestOutcome) => void,
  ) {
    this.totalWeight = spec.mix.reduce((s, m) => s + m.weight, 0);
    this.gapMs = 1000 / spec.rate;
    this.timeouts = new DeadlineQueue(clock, spec.timeoutMs);
  }

  start(at: number, until: number): void {
    this.startMs = at;
    this.untilMs = until;
    this.scheduleNext();
  }

  stop(): void {
    this.stopped = true;
  }

  private scheduleNext(): void {
    // Times from the index, not by adding gaps, so float error never drifts the rate.
    const t = this.startMs + this.index * this.gapMs;
    if (this.stopped || t >= this.untilMs) return;
    this.index++;
    this.clock.enqueue(t, this.arriveFn);
  }

  private arrive(): void {
    this.scheduleNext();
    if (this.inFlight >= this.spec.maxInFlight) {
      this.onOutcome({ start: this.clock.now(), latencyMs: 0, status: 0, error: 'dropped', servedByCanary: false });
      return;
    }
    const mix = this.pickRoute();
    const body = mix.method === 'POST' ? this.carts[this.rng.int(this.carts.length)] : undefined;
    const query = mix.method === 'GET' ? { page: 1 + this.rng.int(20) } : undefined;
    const request = new UserRequest(this);
    this.runtime.dispatch(this.entry, { method: mix.method, route: mix.route, body, query }, request.trace, request);
  }

  private pickRoute(): LoadSpec['mix'][number] {
    let x = this.rng.next() * this.totalWeight;
    for (const m of this.spec.mix) {
      x -= m.weight;
      if (x < 0) return m;
    }
    return this.spec.mix[this.spec.mix.length - 1];
  }
}

/** One virtual user's request: settled by the response or by the client timeout, whichever is first. */
class UserRequest implements Expiring, Reply {
  readonly trace: Trace;
  private readonly start: number;
  settled = false;
  deadline = 0;

  constructor(private readonly gen: LoadGenerator) {
    this.trace = { watch: gen.deployService, served: undefined };
    this.start = gen.clock.now();
    gen.inFlight++;
    gen.timeouts.add(this);
  }

  expire(): void {
    this.settle(undefined);
  }

  answer(res: ServiceResponse): void {
    this.settle(res);
  }

  settle(res: ServiceResponse | undefined): void {
    if (this.settled) return;
    this.settled = true;
    this.gen.inFlight--;
    const latencyMs = this.gen.clock.now() - this.start;
    const servedByCanary = this.trace.served === 'canary';
    this.gen.onOutcome(
      res
        ? { start: this.start, latencyMs, status: res.status, servedByCanary }
        : { start: this.start, latencyMs, status: 0, error: 'timeout', servedByCanary },
    );
  }
}
