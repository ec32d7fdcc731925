import type { Clock } from '../clock/clock.ts';
import type { EmitWorldEvent } from './world.ts';
import type { ServiceLogStore } from '../testbed/service-logs.ts';

/** Kubelet's restart back-off: 10 s, doubling, capped at 5 minutes (CrashLoopBackOff). */
const FIRST_BACKOFF_MS = 10_000;
const MAX_BACKOFF_MS = 300_000;

/**
 * A revision whose code does not start (its module throws on load: a missing file, a bad
 * import, a config it cannot read) never becomes ready. Its pods crash, are restarted with
 * kubelet's back-off and crash again; each crash is a log line an operator's search finds and a
 * timeline event. No request ever reaches such a pod, so nothing else in the world changes.
 */
export function startCrashLoop(opts: {
  clock: Clock;
  logs: ServiceLogStore;
  service: string;
  commit: string;
  error: string;
  /** Nothing is scheduled past this (the run's horizon). */
  until: number;
  emit: EmitWorldEvent;
}): void {
  // Paths relative to the repository: a run's checkout lives in a temp dir whose name must not
  // reach the timeline (same seed, same bytes).
  const error = opts.error.replace(/(?:[A-Za-z]:)?[/\\][^\s'"]*?[/\\](services[/\\])/g, '$1');
  const crash = (restarts: number, backoffMs: number): void => {
    const t = opts.clock.now();
    opts.logs.add({ t, service: opts.service, version: 'canary', level: 'error', message: `crashed on start: ${error}`, fields: { restarts } });
    opts.emit('world.canary.crashed', { service: opts.service, commit: opts.commit.slice(0, 12), restarts, reason: 'CrashLoopBackOff', error });
    const next = t + backoffMs;
    if (next <= opts.until) opts.clock.schedule(next, () => crash(restarts + 1, Math.min(MAX_BACKOFF_MS, backoffMs * 2)));
  };
  crash(0, FIRST_BACKOFF_MS);
}
