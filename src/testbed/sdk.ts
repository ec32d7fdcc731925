/**
 * The testbed SDK: the contract between service handler code (plain JavaScript in the testbed
 * repo) and a runtime (the discrete-event simulator, or real HTTP processes).
 * See scenarios/testbed/README.md for the user-facing description.
 */
export interface CallOptions {
  timeoutMs?: number;
  retries?: number;
  /** Wait before retry k (1-based): backoffMs * 2^(k-1). 0 or absent: retry at once. */
  backoffMs?: number;
}

export interface ServiceResponse {
  status: number;
  body?: unknown;
}

export interface ServiceRequest {
  method: string;
  route: string;
  query?: Record<string, string | number>;
  body?: unknown;
}

export interface ServiceContext {
  readonly config: ServiceConfig;
  readonly flags: Record<string, unknown>;
  work(ms: number): Promise<void>;
  call(service: string, route: string, body?: unknown, opts?: CallOptions): Promise<ServiceResponse>;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
  random(): number;
  fail(status: number, message: string): never;
}

export type RouteHandler = (ctx: ServiceContext, req: ServiceRequest) => Promise<ServiceResponse>;

/** A service's config.json. `runtime` sizes it; `dependencies` sets call options per callee. */
export interface ServiceConfig {
  runtime: { replicas: number; concurrencyPerReplica: number; queueLimit: number };
  dependencies: Record<string, CallOptions>;
  flags: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Error a handler raises through ctx.fail; any other thrown error is a 500. It answers a request,
 * it reports no bug: no stack is captured (that was most of its cost, and a failing dependency
 * makes every request throw one per hop).
 */
export class HandlerError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    const limit = Error.stackTraceLimit;
    // A sim run already has stack traces off (SimWorld.advanceTo): two writes to the Error
    // constructor per ctx.fail cost a third of making the error (1e6 throws: 0.9 -> 0.6 s).
    if (limit === 0) super(message);
    else {
      Error.stackTraceLimit = 0;
      try {
        super(message);
      } finally {
        Error.stackTraceLimit = limit;
      }
    }
    this.status = status;
  }
}

/** Histogram buckets (seconds) every runtime uses: prom-client's defaults. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
