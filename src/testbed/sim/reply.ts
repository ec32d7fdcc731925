import type { ServiceResponse } from '../sdk.ts';

/**
 * Where a sim request's response goes: the caller's attempt, or the load generator's user
 * request. A callback object, not a promise: a response passes through the runtime without a
 * microtask per step, and only the handler awaiting ctx.call sees a promise.
 */
export interface Reply {
  answer(res: ServiceResponse): void;
}
