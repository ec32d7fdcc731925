import type { CallOptions, ServiceResponse } from '../sdk.ts';
import { OVERLOAD_STATUS } from '../sim/invocation.ts';
import { TIMEOUT_STATUS, requestJson } from './http-json.ts';
import { REQUEST_ID_HEADER } from './messages.ts';
import type { ServiceHost } from './service-host.ts';

/**
 * ctx.call in a service process, with the sim runtime's exact semantics: a POST to the callee's
 * router, a client timeout per attempt (the callee is not cancelled and keeps working, which is
 * what makes retries amplify load), up to `retries` more attempts on anything but success (after
 * backoffMs, doubling, when set), and one dependency_requests_total sample per attempt.
 */
export async function callDependency(
  host: ServiceHost, target: string, route: string, body: unknown, opts: CallOptions, requestId: string | undefined,
): Promise<ServiceResponse> {
  const port = host.routerPort(target);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = requestId ? { [REQUEST_ID_HEADER]: requestId } : undefined;
  const retries = opts.retries ?? 0;
  let res: ServiceResponse = { status: 500 };
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) {
      host.metrics.countRetry(target);
      if (opts.backoffMs) await new Promise((r) => setTimeout(r, opts.backoffMs! * 2 ** (attempt - 1)));
    }
    const answer = await requestJson(host.agent, port, { method: 'POST', path: route, body: payload, timeoutMs: opts.timeoutMs, headers });
    res = { status: answer.status, body: answer.body };
    const outcome = res.status === TIMEOUT_STATUS ? 'timeout' : res.status === OVERLOAD_STATUS ? 'rejected' : res.status >= 500 ? 'error' : 'success';
    host.metrics.countDependency(target, outcome);
    if (outcome === 'success') return res;
  }
  return res;
}
