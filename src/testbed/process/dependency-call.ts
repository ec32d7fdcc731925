import type { CallOptions, ServiceResponse } from '../sdk.ts';
import { callWithRetries } from '../core/call-with-retries.ts';
import { requestJson } from './http-json.ts';
import { REQUEST_ID_HEADER, SERVED_HEADER } from './messages.ts';
import type { ServiceHost } from './service-host.ts';

/**
 * ctx.call in a service process, with the sim runtime's exact semantics: a POST to the callee's
 * router, a client timeout per attempt (the callee is not cancelled and keeps working, which is
 * what makes retries amplify load), up to `retries` more attempts on anything but success (after
 * backoffMs, doubling, when set), and one dependency_requests_total sample per attempt.
 */
export function callDependency(
  host: ServiceHost, target: string, route: string, body: unknown, opts: CallOptions, requestId: string | undefined,
): Promise<ServiceResponse> {
  const { host: address, port } = host.routerAddress(target);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = requestId ? { [REQUEST_ID_HEADER]: requestId } : undefined;
  return callWithRetries(opts, {
    attempt: async () => {
      const answer = await requestJson(host.agent, port, { host: address, method: 'POST', path: route, body: payload, timeoutMs: opts.timeoutMs, headers });
      const served = answer.headers?.[SERVED_HEADER];
      if (typeof served === 'string') host.noteServed(requestId, served);
      return { status: answer.status, body: answer.body };
    },
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    countRetry: () => host.metrics.countRetry(target),
    countOutcome: (outcome) => host.metrics.countDependency(target, outcome),
  });
}
