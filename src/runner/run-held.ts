import type { Clock } from '../clock/clock.ts';
import type { Timeline } from '../timeline/timeline.ts';

/**
 * What held work costs in drill time: its measured wall time (an LLM agent, a test run: what a
 * user would wait), or a modeled time (a built-in agent whose real cost is microseconds).
 */
export type HoldCharge = 'wall' | { modeledMs: number } | { recordedWallMs: number };

/**
 * Runs real work (an agent, git, a test run) with the world's time held, then charges it: the
 * world stands still while the work is in flight (on sim; wall clocks run on), and the work's
 * result lands `charged` ms of drill time after it started. One `clock.held` event records
 * what was held, what it was charged, and (when charged by it) its wall time.
 */
export async function runHeld<T>(opts: {
  clock: Clock; timeline: Timeline; source: string; what: string; work: Promise<T>;
  /** Or decided from the work's result (a replay is charged what its recording took). */
  charge: HoldCharge | ((value: T) => HoldCharge);
  /** Called when the work settled, before the charged time passes (to journal what it did at the time it did it). */
  onSettled?: (value: T) => void;
}): Promise<T> {
  const { clock, timeline } = opts;
  const startedAt = clock.now();
  const { value, wallMs } = await clock.hold(opts.work);
  opts.onSettled?.(value);
  const heldMs = clock.now() - startedAt;
  const charge = typeof opts.charge === 'function' ? opts.charge(value) : opts.charge;
  // A replayed exchange is charged the wall time it took when it was recorded.
  const measuredMs = charge === 'wall' ? Math.round(wallMs) : 'recordedWallMs' in charge ? Math.round(charge.recordedWallMs) : undefined;
  const wanted = measuredMs ?? (charge as { modeledMs: number }).modeledMs;
  // On a wall clock the world already ran on while the work was in flight: that time counts.
  const chargedMs = Math.max(wanted, heldMs);
  // A modeled charge keeps the measured wall time out of the journal: a sim run stays byte-identical.
  const measured = measuredMs !== undefined ? { charge: 'wall', wallMs: measuredMs } : { charge: 'modeled' };
  timeline.emit(clock.now(), opts.source, 'clock.held', { what: opts.what, startedAt, ...measured, chargedMs });
  if (chargedMs > heldMs) await clock.sleep(chargedMs - heldMs);
  return value;
}
