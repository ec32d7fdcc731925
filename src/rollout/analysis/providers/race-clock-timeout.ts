/**
 * Runs `work` with a deadline on the run's clock (Argo wraps each Prometheus query in
 * `context.WithTimeout`). The timer is cancelled as soon as the work settles, so in virtual time a
 * fast query leaves no trace but a cancelled event.
 */
import type { Clock } from '../../../clock/clock.ts';

export async function raceClockTimeout<T>(clock: Clock, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  let cancel: () => void = () => {};
  const deadline = new Promise<never>((_resolve, reject) => {
    cancel = clock.schedule(clock.now() + timeoutMs, () => reject(new Error('context deadline exceeded')));
  });
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    cancel();
  }
}
