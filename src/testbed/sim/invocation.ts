import type { VirtualClock } from '../../clock/virtual-clock.ts';
import { HandlerError, type ServiceRequest, type ServiceResponse } from '../sdk.ts';
import type { PoolTask, WorkerPool } from './worker-pool.ts';
import type { SimContext } from './sim-context.ts';
import type { SimVersion } from './sim-version.ts';

/** Status when the callee's queue is full (load shedding). */
export const OVERLOAD_STATUS = 503;

/**
 * One request inside one service version: waits for a worker, runs the handler, records its
 * metrics. A class rather than closures because the sim creates one per request per hop, and
 * per-call closures dominate its cost (allocation, and tsx's keep-names wrappers).
 */
export class Invocation implements PoolTask {
  private readonly arrived: number;
  resolve!: (res: ServiceResponse) => void;

  constructor(
    private readonly clock: VirtualClock,
    private readonly version: SimVersion,
    private readonly req: ServiceRequest,
    private readonly ctx: SimContext,
  ) {
    this.arrived = clock.now();
  }

  /** Enters the version's pool; resolves when the response is ready (or immediately when shed). */
  run(pool: WorkerPool): Promise<ServiceResponse> {
    const done = new Promise<ServiceResponse>((resolve) => {
      this.resolve = resolve;
    });
    if (!pool.acquire(this)) this.finish({ status: OVERLOAD_STATUS, body: { error: 'overloaded' } });
    return done;
  }

  start(): void {
    const handler = this.version.code.routes.get(`${this.req.method} ${this.req.route}`);
    if (!handler) {
      this.version.pool.release();
      this.finish({ status: 404, body: { error: `no route ${this.req.method} ${this.req.route}` } });
      return;
    }
    handler(this.ctx, this.req).then(
      (res) => this.succeed(res),
      (err: unknown) => this.fail(err),
    );
  }

  private succeed(res: unknown): void {
    this.version.pool.release();
    this.finish(normalize(res));
  }

  private fail(err: unknown): void {
    this.version.pool.release();
    const status = err instanceof HandlerError || (err instanceof Error && typeof (err as HandlerError).status === 'number') ? (err as HandlerError).status : 500;
    const message = err instanceof Error ? err.message : String(err);
    if (status === 500) this.ctx.log('error', `unhandled error: ${message}`, { route: this.req.route });
    this.finish({ status, body: { error: message } });
  }

  private finish(res: ServiceResponse): void {
    const seconds = (this.clock.now() - this.arrived) / 1000;
    this.version.metrics.countRequest(this.version.instruments, this.req.route, res.status, seconds);
    this.clock.touch();
    this.resolve(res);
  }
}

function normalize(res: unknown): ServiceResponse {
  if (res && typeof res === 'object' && typeof (res as ServiceResponse).status === 'number') return res as ServiceResponse;
  return { status: 200, body: res };
}
