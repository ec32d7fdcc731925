import type { CallOptions, ServiceResponse } from '../sdk.ts';
import { NO_ATTEMPT, RetryPolicy, type AttemptCounts } from './retry-policy.ts';

/** How a runtime makes one attempt and waits, and where it counts: the parts of ctx.call that differ. */
export interface AttemptDriver extends AttemptCounts {
  /** One attempt, its client timeout applied (a timed-out attempt answers TIMEOUT_STATUS). */
  attempt(): Promise<ServiceResponse>;
  /** Waits before a retry (virtual or real time). */
  sleep(ms: number): Promise<void>;
}

/** ctx.call over promises (the process runtime): RetryPolicy's steps, one await per attempt. */
export async function callWithRetries(opts: CallOptions, driver: AttemptDriver): Promise<ServiceResponse> {
  const policy = RetryPolicy.of(opts, driver);
  if (!policy.attempts) return { ...NO_ATTEMPT };
  for (;;) {
    const res = await driver.attempt();
    const wait = policy.next(res);
    if (wait === undefined) return res;
    if (wait > 0) await driver.sleep(wait);
  }
}
