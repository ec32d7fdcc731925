import type { Expiring } from '../../clock/deadline-queue.ts';
import { NO_ATTEMPT, RetryPolicy, type AttemptCounts } from '../core/retry-policy.ts';
import { TIMEOUT_STATUS, type AttemptOutcome } from '../core/statuses.ts';
import type { CallOptions, ServiceResponse } from '../sdk.ts';
import type { Reply } from './reply.ts';
import type { SimRuntime, Trace } from './sim-runtime.ts';
import type { SimVersion } from './sim-version.ts';

/**
 * One ctx.call in virtual time: RetryPolicy driven by clock events and callbacks. Each attempt
 * goes through the callee's pool, raced against its timeout; on timeout the callee is not
 * cancelled (an HTTP server keeps working on an abandoned request), which is what makes retries
 * amplify load. The handler awaiting the call gets one promise, settled with the last answer.
 */
export class SimCall implements AttemptCounts {
  private readonly policy: RetryPolicy;
  private resolve!: (res: ServiceResponse) => void;
  /** The call whose promise is being made: the target of the one shared executor (see start). */
  private static starting: SimCall | undefined;

  constructor(
    private readonly runtime: SimRuntime,
    private readonly from: SimVersion,
    private readonly target: string,
    private readonly route: string,
    private readonly body: unknown,
    readonly timeoutMs: number | undefined,
    private readonly trace: Trace,
    opts: CallOptions,
  ) {
    this.policy = RetryPolicy.of(opts, this);
  }

  start(): Promise<ServiceResponse> {
    // One shared executor (no closure per call): it runs synchronously inside `new Promise`.
    SimCall.starting = this;
    const done = new Promise<ServiceResponse>(SimCall.takeResolver);
    SimCall.starting = undefined;
    if (this.policy.attempts) this.attempt();
    else this.resolve({ ...NO_ATTEMPT });
    return done;
  }

  private static takeResolver(this: void, resolve: (res: ServiceResponse) => void): void {
    SimCall.starting!.resolve = resolve;
  }

  /** An attempt's answer (a response, or TIMEOUT_STATUS): the caller's, or the next attempt. */
  onAnswer(res: ServiceResponse): void {
    const wait = this.policy.next(res);
    if (wait === undefined) this.resolve(res);
    else if (wait > 0) this.runtime.after(wait, () => this.attempt());
    else this.attempt();
  }

  countRetry(): void {
    this.runtime.metrics.countRetry(this.from.instruments, this.target);
  }

  countOutcome(outcome: AttemptOutcome): void {
    this.runtime.metrics.countDependency(this.from.instruments, this.target, outcome);
  }

  private attempt(): void {
    const attempt = new SimAttempt(this);
    this.runtime.dispatch(this.target, { method: 'POST', route: this.route, body: this.body }, this.trace, attempt);
    if (this.timeoutMs) this.runtime.timeouts(this.timeoutMs).add(attempt);
    attempt.dispatched();
  }
}

/** "timeout after Nms", made once per timeout length (a cascade times out thousands of attempts). */
const TIMEOUT_MESSAGES = new Map<number, string>();

function timeoutMessage(timeoutMs: number): string {
  let message = TIMEOUT_MESSAGES.get(timeoutMs);
  if (message === undefined) {
    message = `timeout after ${timeoutMs}ms`;
    // Bounded: timeouts computed from request data must not grow it for ever.
    if (TIMEOUT_MESSAGES.size < 1000) TIMEOUT_MESSAGES.set(timeoutMs, message);
  }
  return message;
}

/**
 * One attempt of a call: settled by the callee's response or by its deadline, whichever is first.
 * An answer that arrives while the attempt is still being dispatched (the callee shed it, or has
 * no such route) is held until its deadline is registered, so a shed attempt's retry follows its
 * own registration, as it does when the answer comes later.
 */
class SimAttempt implements Expiring, Reply {
  settled = false;
  deadline = 0;
  private early: ServiceResponse | undefined;
  private dispatching = true;
  /** Dropped once answered: a settled attempt waits in its deadline queue until the deadline, and must not keep the call's request alive meanwhile. */
  private call: SimCall | undefined;

  constructor(call: SimCall) {
    this.call = call;
  }

  answer(res: ServiceResponse): void {
    if (this.settled) return;
    this.settled = true;
    if (this.dispatching) this.early = res;
    else this.deliver(res);
  }

  dispatched(): void {
    this.dispatching = false;
    const early = this.early;
    if (early) {
      this.early = undefined;
      this.deliver(early);
    }
  }

  expire(): void {
    if (this.settled) return;
    this.settled = true;
    this.deliver({ status: TIMEOUT_STATUS, body: { error: timeoutMessage(this.call!.timeoutMs!) } });
  }

  private deliver(res: ServiceResponse): void {
    const call = this.call!;
    this.call = undefined;
    call.onAnswer(res);
  }
}
