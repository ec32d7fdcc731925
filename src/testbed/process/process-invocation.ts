import { GuardedInvocation } from '../core/guarded-invocation.ts';
import type { RouteHandler, ServiceContext, ServiceRequest, ServiceResponse } from '../sdk.ts';
import { ProcessContext } from './process-context.ts';
import type { ServiceHost } from './service-host.ts';
import type { Interference } from '../core/interference.ts';

/**
 * One request inside a service process: the runtime core's guarded invocation over real time,
 * with the code deployed when the worker starts, metrics recorded from arrival (queueing included).
 */
export class ProcessInvocation extends GuardedInvocation {
  constructor(
    private readonly host: ServiceHost,
    req: ServiceRequest,
    private readonly requestId: string | undefined,
    private readonly arrived: number,
    private readonly respond: (res: ServiceResponse) => void,
  ) {
    super(req);
  }

  run(): void {
    const pool = this.host.pool;
    if (!pool) {
      // No code deployed in this slot: a routing mistake, not a request the service saw.
      this.respond({ status: 503, body: { error: 'no revision deployed here' } });
      return;
    }
    this.enter(pool);
  }

  protected routes(): Map<string, RouteHandler> {
    return this.host.code!.routes;
  }

  protected context(): ServiceContext {
    return new ProcessContext(this.host, this.host.code!, this.requestId);
  }

  protected interference(): Interference | undefined {
    return this.host.interference;
  }

  protected release(): void {
    this.host.pool!.release();
  }

  protected log(level: string, message: string, fields: Record<string, unknown>): void {
    this.host.log(level, message, fields);
  }

  protected finish(res: ServiceResponse): void {
    this.host.metrics.countRequest(this.req.route, res.status, (performance.now() - this.arrived) / 1000);
    this.respond(res);
  }
}
