/** Status when a version's queue is full: the request is shed without running (load shedding). */
export const OVERLOAD_STATUS = 503;

/** Status a caller sees when a dependency call times out (the callee keeps working). */
export const TIMEOUT_STATUS = 504;

/** How one dependency attempt ended, as dependency_requests_total's `outcome` label says it. */
export type AttemptOutcome = 'success' | 'error' | 'timeout' | 'rejected';

export function classifyAttempt(status: number): AttemptOutcome {
  return status === TIMEOUT_STATUS ? 'timeout' : status === OVERLOAD_STATUS ? 'rejected' : status >= 500 ? 'error' : 'success';
}
