import type { RouteHandler, ServiceContext, ServiceRequest, ServiceResponse } from '../sdk.ts';
import { callHandler, isResponse, outcomeOfError, outcomeOfValue, type HandlerOutcome } from './handler-outcome.ts';
import { OVERLOAD_STATUS } from './statuses.ts';
import { INTERFERENCE_STATUS, failsUnder, type Interference } from './interference.ts';
import type { PoolTask, WorkerPool } from './worker-pool.ts';

/**
 * One request inside one service version, on any runtime: wait for a worker (or be shed with
 * 503 when the queue is full), run the route's handler guarded (callHandler), release the
 * worker, log what the handler did not answer itself, and finish. The runtimes supply only what
 * differs: the routes and context of the version, how a line is logged, how the response is
 * recorded and delivered. A class, not closures: the sim makes one per request per hop.
 */
export abstract class GuardedInvocation implements PoolTask {
  constructor(protected readonly req: ServiceRequest) {}

  /** Enters the pool; `finish` runs now when the request is shed. */
  protected enter(pool: WorkerPool): void {
    if (!pool.acquire(this)) this.finish({ status: OVERLOAD_STATUS, body: { error: 'overloaded' } });
  }

  start(): void {
    const interference = this.interference();
    if (failsUnder(interference, () => this.context().random())) {
      this.release();
      this.log('error', interference!.message, { route: this.req.route });
      this.finish({ status: INTERFERENCE_STATUS, body: { error: interference!.message } });
      return;
    }
    const handler = this.routes().get(`${this.req.method} ${this.req.route}`);
    if (!handler) {
      this.release();
      this.finish({ status: 404, body: { error: `no route ${this.req.method} ${this.req.route}` } });
      return;
    }
    this.invoke(handler).then(
      (value) => (isResponse(value) ? this.answer(value) : this.settle(outcomeOfValue(value))),
      (err: unknown) => this.settle(outcomeOfError(err)),
    );
  }

  private invoke(handler: RouteHandler): Promise<unknown> {
    return callHandler(handler, this.context(), this.req);
  }

  /** The handler answered with a valid response. */
  private answer(res: ServiceResponse): void {
    this.release();
    this.finish(res);
  }

  private settle(outcome: HandlerOutcome): void {
    this.release();
    if (outcome.log) this.log('error', outcome.log, { route: this.req.route });
    this.finish(outcome.res);
  }

  /** The routes of the code this version runs now (a redeploy may have swapped it). */
  protected abstract routes(): Map<string, RouteHandler>;
  protected abstract context(): ServiceContext;
  /** Trouble from outside the code acting on this version now, if any. */
  protected abstract interference(): Interference | undefined;
  /** Frees the worker this request held. */
  protected abstract release(): void;
  protected abstract log(level: string, message: string, fields: Record<string, unknown>): void;
  /** Records the request's metrics and delivers the response. */
  protected abstract finish(res: ServiceResponse): void;
}
