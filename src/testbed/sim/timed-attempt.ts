import type { DeadlineQueue, Expiring } from '../../clock/deadline-queue.ts';
import type { VirtualClock } from '../../clock/virtual-clock.ts';
import type { ServiceResponse } from '../sdk.ts';

import { TIMEOUT_STATUS } from '../core/statuses.ts';

export { TIMEOUT_STATUS };

/**
 * One dependency call with a client-side timeout: whichever comes first, the response or the
 * deadline, settles it. On timeout the callee is not cancelled (an HTTP server keeps working on
 * an abandoned request), which is what makes retries amplify load.
 */
export class TimedAttempt implements Expiring {
  settled = false;
  private resolve!: (res: ServiceResponse) => void;

  constructor(
    private readonly clock: VirtualClock,
    private readonly deadlines: DeadlineQueue,
  ) {}

  race(pending: Promise<ServiceResponse>): Promise<ServiceResponse> {
    const done = new Promise<ServiceResponse>((resolve) => {
      this.resolve = resolve;
    });
    this.deadlines.add(this);
    pending.then((res) => this.answer(res));
    return done;
  }

  expire(): void {
    if (this.settled) return;
    this.settled = true;
    this.resolve({ status: TIMEOUT_STATUS, body: { error: `timeout after ${this.deadlines.delayMs}ms` } });
  }

  private answer(res: ServiceResponse): void {
    if (this.settled) return;
    this.settled = true;
    this.resolve(res);
  }
}
