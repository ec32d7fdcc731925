import { UNREACHABLE_STATUS } from '../../testbed/process/http-json.ts';
import type { RequestOutcome } from '../truth.ts';

/** k6's error code for a request that hit its timeout (k6 docs, "Error codes"). */
const K6_TIMEOUT_CODE = '1050';

interface K6Point {
  type?: string;
  metric?: string;
  data?: { time?: string; value?: number; tags?: Record<string, string> };
}

/**
 * Turns one line of `k6 run --out json=...` into a user request's outcome: each
 * http_req_duration point is a request (status tag, duration in ms, stamped when it ended), each
 * dropped_iterations point an arrival that found no free VU. Other lines give undefined.
 * `toVirtual` maps Unix ms to the run's virtual ms; `servedByCanary` looks up the request id.
 */
export function parseK6Line(line: string, toVirtual: (unixMs: number) => number, servedByCanary: (requestId: string) => boolean): RequestOutcome | undefined {
  let p: K6Point;
  try {
    p = JSON.parse(line) as K6Point;
  } catch {
    return undefined;
  }
  if (p.type !== 'Point' || !p.data?.time) return undefined;
  const end = parseK6Time(p.data.time);
  if (p.metric === 'dropped_iterations') return { start: toVirtual(end), latencyMs: 0, status: 0, error: 'dropped', servedByCanary: false };
  if (p.metric !== 'http_req_duration') return undefined;
  const tags = p.data.tags ?? {};
  const latencyMs = p.data.value ?? 0;
  const canary = tags.rid ? servedByCanary(tags.rid) : false;
  const start = toVirtual(end - latencyMs);
  if (tags.error_code === K6_TIMEOUT_CODE) return { start, latencyMs, status: 0, error: 'timeout', servedByCanary: canary };
  // Status 0 without the timeout code is a failed connection: the built-in generator's 502.
  const status = Number(tags.status ?? 0);
  return { start, latencyMs, status: status === 0 ? UNREACHABLE_STATUS : status, servedByCanary: canary };
}

/** RFC 3339 with up to nanoseconds and any offset, to Unix ms. */
export function parseK6Time(text: string): number {
  return Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
}
