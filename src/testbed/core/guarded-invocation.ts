import type { RouteHandler, ServiceContext, ServiceRequest, ServiceResponse } from '../sdk.ts';
import { callHandler, isResponse, outcomeOfError, outcomeOfValue, type HandlerOutcome } from './handler-outcome.ts';
import { OVERLOAD_STATUS } from './statuses.ts';
import { INTERFERENCE_STATUS, failsUnder, type Interference } from './interference.ts';
import type { PoolTask, WorkerPool } from './worker-pool.ts';

/** "METHOD /route" keys, made once per pair: the routes map is looked up on every hop. */
const ROUTE_KEYS = new Map<string, Map<string, string>>();

function routeKey(method: string, route: string): string {
  let byRoute = ROUTE_KEYS.get(method);
  if (!byRoute) {
    byRoute = new Map();
    ROUTE_KEYS.set(method, byRoute);
  }
  let key = byRoute.get(route);
  if (key === undefined) {
    key = `${method} ${route}`;
    // Bounded: a handler calling routes built from request data must not grow it for ever.
    if (byRoute.size < 1000) byRoute.set(route, key);
  }
  return key;
}

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
    if (interference !== undefined && failsUnder(interference, () => this.context().random())) {
      this.release();
      this.log('error', interference.message, { route: this.req.route });
      this.finish({ status: INTERFERENCE_STATUS, body: { error: interference.message } });
      return;
    }
    const handler = this.routes().get(routeKey(this.req.method, this.req.route));
    if (!handler) {
      this.release();
      this.finish({ status: 404, body: { error: `no route ${this.req.method} ${this.req.route}` } });
      return;
    }
    void this.runHandler(handler);
  }

  /**
   * Awaits the handler (one microtask after it settles, as a `.then` would) and settles the
   * request. An async method rather than `.then` with two closures: one promise per hop.
   */
  private async runHandler(handler: RouteHandler): Promise<void> {
    let value: unknown;
    try {
      value = await callHandler(handler, this.context(), this.req);
    } catch (err) {
      this.settle(outcomeOfError(err));
      return;
    }
    if (isResponse(value)) this.answer(value);
    else this.settle(outcomeOfValue(value));
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
