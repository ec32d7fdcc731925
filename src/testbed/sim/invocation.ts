import type { VirtualClock } from '../../clock/virtual-clock.ts';
import { GuardedInvocation } from '../core/guarded-invocation.ts';
import type { RouteHandler, ServiceContext, ServiceRequest, ServiceResponse } from '../sdk.ts';
import type { Reply } from './reply.ts';
import type { SimContext } from './sim-context.ts';
import type { SimVersion } from './sim-version.ts';
import type { Interference } from '../core/interference.ts';

export { OVERLOAD_STATUS } from '../core/statuses.ts';

/**
 * One request inside one service version in virtual time: the runtime core's guarded
 * invocation, its metrics recorded from arrival (queueing included) in clock time, its response
 * handed straight to `reply`.
 */
export class Invocation extends GuardedInvocation {
  private readonly arrived: number;

  constructor(
    private readonly clock: VirtualClock,
    private readonly version: SimVersion,
    req: ServiceRequest,
    private readonly ctx: SimContext,
    private readonly reply: Reply,
  ) {
    super(req);
    this.arrived = clock.now();
  }

  /** Enters the version's pool; answers at once when shed. */
  run(): void {
    this.enter(this.version.pool);
  }

  protected routes(): Map<string, RouteHandler> {
    return this.version.code.routes;
  }

  protected context(): ServiceContext {
    return this.ctx;
  }

  protected interference(): Interference | undefined {
    return this.version.interference;
  }

  protected release(): void {
    this.version.pool.release();
  }

  protected log(level: string, message: string, fields: Record<string, unknown>): void {
    this.ctx.log(level, message, fields);
  }

  protected finish(res: ServiceResponse): void {
    const seconds = (this.clock.now() - this.arrived) / 1000;
    this.version.metrics.countRequest(this.version.instruments, this.req.route, res.status, seconds);
    this.reply.answer(res);
  }
}
