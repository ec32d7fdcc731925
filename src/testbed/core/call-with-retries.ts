import type { CallOptions, ServiceResponse } from '../sdk.ts';
import { classifyAttempt, type AttemptOutcome } from './statuses.ts';

/** How a runtime makes one attempt, waits, and counts: the parts of ctx.call that differ. */
export interface AttemptDriver {
  /** One attempt, its client timeout applied (a timed-out attempt answers TIMEOUT_STATUS). */
  attempt(): Promise<ServiceResponse>;
  /** Waits before a retry (virtual or real time). */
  sleep(ms: number): Promise<void>;
  countRetry(): void;
  countOutcome(outcome: AttemptOutcome): void;
}

/**
 * ctx.call's semantics, the same on every runtime: up to `retries` more attempts on anything but
 * success, after `backoffMs` doubling each time when set; one outcome counted per attempt, one
 * retry counted per retry. The last response is the caller's answer.
 */
export async function callWithRetries(opts: CallOptions, driver: AttemptDriver): Promise<ServiceResponse> {
  const retries = opts.retries ?? 0;
  let res: ServiceResponse = { status: 500 };
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) {
      driver.countRetry();
      if (opts.backoffMs) await driver.sleep(opts.backoffMs * 2 ** (attempt - 1));
    }
    res = await driver.attempt();
    const outcome = classifyAttempt(res.status);
    driver.countOutcome(outcome);
    if (outcome === 'success') return res;
  }
  return res;
}
