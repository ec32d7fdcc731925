import { HandlerError, type CallOptions, type ServiceConfig, type ServiceContext, type ServiceResponse } from '../sdk.ts';
import type { ServiceCode } from '../service-code.ts';
import { callDependency } from './dependency-call.ts';
import type { ServiceHost } from './service-host.ts';

/** The `ctx` a handler gets in a service process: real sleeps, real HTTP calls, seeded randomness. */
export class ProcessContext implements ServiceContext {
  readonly config: ServiceConfig;
  readonly flags: Record<string, unknown>;

  constructor(
    private readonly host: ServiceHost,
    code: ServiceCode,
    private readonly requestId: string | undefined,
  ) {
    this.config = code.config;
    this.flags = this.config.flags ?? {};
  }

  work(ms: number): Promise<void> {
    return this.host.work(ms);
  }

  call(service: string, route: string, body?: unknown, opts?: CallOptions): Promise<ServiceResponse> {
    return callDependency(this.host, service, route, body, opts ?? {}, this.requestId);
  }

  log(level: string, message: string, fields?: Record<string, unknown>): void {
    this.host.log(level, message, fields ?? {});
  }

  random(): number {
    return this.host.rng.next();
  }

  fail(status: number, message: string): never {
    throw new HandlerError(status, message);
  }
}
