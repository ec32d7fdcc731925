import { HandlerError, type RouteHandler, type ServiceContext, type ServiceRequest, type ServiceResponse } from '../sdk.ts';

/**
 * What a handler's call came to, the same on every runtime: a harness must survive any code a
 * scenario deploys. A valid response is an object with an integer `status` from 100 to 599;
 * a thrown error (sync or async) is a 500 unless it carries a status (ctx.fail); any other
 * return value (undefined, a number, a status that is no HTTP status) is a 500 too. Every 500
 * of the handler's own making is logged, as a real service's error handler would.
 */
export interface HandlerOutcome {
  res: ServiceResponse;
  /** The error line to log, for failures the handler did not answer itself. */
  log?: string;
}

/** Calls the handler so that nothing it does escapes: a sync throw becomes a rejected promise. */
export function callHandler(handler: RouteHandler, ctx: ServiceContext, req: ServiceRequest): Promise<unknown> {
  try {
    return Promise.resolve(handler(ctx, req));
  } catch (err) {
    return Promise.reject(err);
  }
}

/** Whether a handler's return value is a valid response (the common case: no outcome object). */
export function isResponse(value: unknown): value is ServiceResponse {
  const status = (value as ServiceResponse | null)?.status;
  return value !== null && typeof value === 'object' && Number.isInteger(status) && status! >= 100 && status! <= 599;
}

export function outcomeOfValue(value: unknown): HandlerOutcome {
  if (isResponse(value)) return { res: value };
  const what = value === null ? 'null' : typeof value === 'object' ? `an object without a valid status (${JSON.stringify(value).slice(0, 80)})` : `${typeof value} ${String(value).slice(0, 80)}`;
  const message = `handler returned ${what}, not a response { status, body }`;
  return { res: { status: 500, body: { error: message } }, log: `unhandled error: ${message}` };
}

export function outcomeOfError(err: unknown): HandlerOutcome {
  const carried = err instanceof HandlerError || (err instanceof Error && Number.isInteger((err as HandlerError).status)) ? (err as HandlerError).status : 500;
  const status = carried >= 100 && carried <= 599 ? carried : 500;
  const message = err instanceof Error ? err.message : String(err);
  return status === 500 ? { res: { status, body: { error: message } }, log: `unhandled error: ${message}` } : { res: { status, body: { error: message } } };
}
