import type { CallOptions, ServiceResponse } from '../sdk.ts';
import { classifyAttempt, type AttemptOutcome } from './statuses.ts';

/** Where ctx.call's attempts are counted (dependency_requests_total, dependency_retries_total). */
export interface AttemptCounts {
  countRetry(): void;
  countOutcome(outcome: AttemptOutcome): void;
}

/** What ctx.call answers when `retries` allows no attempt at all (a negative count). */
export const NO_ATTEMPT: ServiceResponse = { status: 500 };

/**
 * ctx.call's semantics, the same on every runtime, as a state machine the runtime feeds with
 * each attempt's response: up to `retries` more attempts on anything but success, after
 * `backoffMs` doubling each time when set; one outcome counted per attempt, one retry counted per
 * retry. The last response is the caller's answer. A state machine, not a loop of awaits, so the
 * sim can drive it from clock events with no promise per step.
 */
export class RetryPolicy {
  private attempt = 0;
  private readonly retries: number;

  constructor(
    private readonly backoffMs: number | undefined,
    retries: number | undefined,
    private readonly counts: AttemptCounts,
  ) {
    this.retries = retries ?? 0;
  }

  static of(opts: CallOptions, counts: AttemptCounts): RetryPolicy {
    return new RetryPolicy(opts.backoffMs, opts.retries, counts);
  }

  /** Whether the call makes any attempt (false only for a negative `retries`). */
  get attempts(): boolean {
    return this.attempt <= this.retries;
  }

  /**
   * Counts the attempt that answered `res`. Returns undefined when `res` is the caller's answer,
   * else the ms to wait before the next attempt (0: at once, with no wait).
   */
  next(res: ServiceResponse): number | undefined {
    const outcome = classifyAttempt(res.status);
    this.counts.countOutcome(outcome);
    if (outcome === 'success' || !(this.attempt + 1 <= this.retries)) return undefined;
    this.attempt++;
    this.counts.countRetry();
    return this.backoffMs ? this.backoffMs * 2 ** (this.attempt - 1) : 0;
  }
}
