/**
 * A VirtualClock moves on to its next event after a few idle microtask ticks. A reconcile that
 * awaits a chain of promises (an async MetricSource, a fetch Response body) must finish at the
 * instant it started, so while it runs the clock is touched on every tick, for a bounded number of
 * ticks: work that needs real I/O cannot complete in virtual time anyway. Wall clocks need nothing.
 */
import type { Clock } from '../../../clock/clock.ts';

const MAX_AWAKE_TICKS = 10_000;

/** Starts the pump; returns the function that stops it. */
export function keepClockAwake(clock: Clock): () => void {
  const touch = (clock as { touch?: () => void }).touch;
  if (typeof touch !== 'function') return () => {};
  let running = true;
  void (async () => {
    for (let i = 0; running && i < MAX_AWAKE_TICKS; i++) {
      touch.call(clock);
      await null;
    }
  })();
  return () => {
    running = false;
  };
}
