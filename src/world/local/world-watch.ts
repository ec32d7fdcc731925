import type { Timeline } from '../../timeline/timeline.ts';
import { SaturationWatch } from '../saturation-watch.ts';
import { takeSnapshot } from '../snapshot.ts';
import type { ScaledClock } from './scaled-clock.ts';
import type { StatsView } from './stats-view.ts';
import type { EventPayload, EventType } from '../../timeline/event-catalog.ts';

/** The sim checks pools every 200 virtual ms; real time bounds this to what stats pushes can show. */
const SATURATION_CHECK_MS = 200;
const MIN_REAL_CHECK_MS = 100;

/**
 * The same pool-saturation, error-episode and snapshot events as the sim's timeline, from the
 * processes' pushed stats, on the scaled clock. Returns a function that stops them.
 */
export function startWorldWatch(opts: { clock: ScaledClock; view: StatsView; timeline: Timeline; snapshotIntervalMs: number }): () => void {
  const { clock, view, timeline } = opts;
  const emit = <K extends EventType>(type: K, data: EventPayload<K>): void => void timeline.emit(clock.now(), 'world', type, data);
  const watch = new SaturationWatch(view);
  const checkMs = Math.max(SATURATION_CHECK_MS, MIN_REAL_CHECK_MS * clock.scale);
  const cancels = [
    every(clock, checkMs, () => {
      for (const c of watch.check()) timeline.emitUntyped(clock.now(), 'world', `world.${c.type}`, { service: c.service, version: c.version, ...c.detail });
    }),
    every(clock, opts.snapshotIntervalMs, () => emit('world.snapshot', takeSnapshot(view))),
  ];
  return () => cancels.forEach((c) => c());
}

/** Calls `fn` at every multiple of `intervalMs` (virtual), from one interval after now. */
function every(clock: ScaledClock, intervalMs: number, fn: () => void): () => void {
  let cancel: () => void = () => {};
  const tick = (at: number): void => {
    cancel = clock.schedule(at, () => {
      fn();
      tick(at + intervalMs);
    });
  };
  tick(clock.now() + intervalMs);
  return () => cancel();
}
