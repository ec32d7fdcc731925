import { HandlerError, type CallOptions, type ServiceConfig, type ServiceContext, type ServiceResponse } from '../sdk.ts';
import type { SimRuntime, Trace } from './sim-runtime.ts';
import type { SimVersion } from './sim-version.ts';

/** The `ctx` a handler gets in the sim: each method delegates to the runtime (virtual time). */
export class SimContext implements ServiceContext {
  readonly config: ServiceConfig;
  readonly flags: Record<string, unknown>;

  constructor(
    private readonly runtime: SimRuntime,
    private readonly version: SimVersion,
    private readonly trace: Trace,
  ) {
    this.config = version.code.config;
    this.flags = this.config.flags ?? {};
  }

  work(ms: number): Promise<void> {
    return this.runtime.work(ms);
  }

  call(service: string, route: string, body?: unknown, opts?: CallOptions): Promise<ServiceResponse> {
    return this.runtime.call(this.version, service, route, body, opts ?? {}, this.trace);
  }

  log(level: string, message: string, fields?: Record<string, unknown>): void {
    this.runtime.log(this.version, level, message, fields ?? {});
  }

  random(): number {
    return this.runtime.random();
  }

  fail(status: number, message: string): never {
    throw new HandlerError(status, message);
  }
}
