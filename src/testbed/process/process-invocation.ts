import { HandlerError, type ServiceRequest, type ServiceResponse } from '../sdk.ts';
import { OVERLOAD_STATUS } from '../sim/invocation.ts';
import type { PoolTask } from '../sim/worker-pool.ts';
import { ProcessContext } from './process-context.ts';
import type { ServiceHost } from './service-host.ts';

/**
 * One request inside a service process, the sim's Invocation over real time: wait for a worker
 * (or be shed with 503 when the queue is full), run the handler of the code deployed when the
 * worker starts, record the request's metrics from its arrival (queueing included).
 */
export class ProcessInvocation implements PoolTask {
  constructor(
    private readonly host: ServiceHost,
    private readonly req: ServiceRequest,
    private readonly requestId: string | undefined,
    private readonly arrived: number,
    private readonly respond: (res: ServiceResponse) => void,
  ) {}

  run(): void {
    const pool = this.host.pool;
    if (!pool) {
      // No code deployed in this slot: a routing mistake, not a request the service saw.
      this.respond({ status: 503, body: { error: 'no revision deployed here' } });
      return;
    }
    if (!pool.acquire(this)) this.finish({ status: OVERLOAD_STATUS, body: { error: 'overloaded' } });
  }

  start(): void {
    const code = this.host.code!;
    const handler = code.routes.get(`${this.req.method} ${this.req.route}`);
    if (!handler) {
      this.host.pool!.release();
      this.finish({ status: 404, body: { error: `no route ${this.req.method} ${this.req.route}` } });
      return;
    }
    let pending: Promise<unknown>;
    try {
      pending = handler(new ProcessContext(this.host, code, this.requestId), this.req);
    } catch (err) {
      pending = Promise.reject(err);
    }
    pending.then(
      (res) => this.succeed(res),
      (err: unknown) => this.fail(err),
    );
  }

  private succeed(res: unknown): void {
    this.host.pool!.release();
    this.finish(normalize(res));
  }

  private fail(err: unknown): void {
    this.host.pool!.release();
    const status = err instanceof HandlerError || (err instanceof Error && typeof (err as HandlerError).status === 'number') ? (err as HandlerError).status : 500;
    const message = err instanceof Error ? err.message : String(err);
    if (status === 500) this.host.log('error', `unhandled error: ${message}`, { route: this.req.route });
    this.finish({ status, body: { error: message } });
  }

  private finish(res: ServiceResponse): void {
    this.host.metrics.countRequest(this.req.route, res.status, (performance.now() - this.arrived) / 1000);
    this.respond(res);
  }
}

function normalize(res: unknown): ServiceResponse {
  if (res && typeof res === 'object' && typeof (res as ServiceResponse).status === 'number') return res as ServiceResponse;
  return { status: 200, body: res };
}
