import { InterruptedError } from '../runner/execute-run.ts';
import type { TimelineEvent } from '../timeline/events.ts';
import { reviveError } from './carried-error.ts';
import { reviveResult } from './carried-result.ts';
import type { RunResult } from './run-result.ts';
import { RunPool } from './run-pool.ts';
import { WorkspacePrefetch } from './prefetch-workspaces.ts';
import type { RunStore } from './run-store.ts';
import type { SuiteObserver, SuiteSlot } from './run-suite.ts';
import type { RunSummary } from './suite-result.ts';

type Outcome = { ok: true; result: RunResult } | { ok: false; events: readonly TimelineEvent[]; error: Error };

/**
 * Runs slots `jobs` at once in worker threads. Each run's files and journal line are written as
 * soon as it ends (so a stop keeps every finished run); observers hear runs in plan order. The
 * first run that fails, or `signal`, stops the rest: runs in progress are aborted (they clean up
 * as on Ctrl-C and leave their journal so far), none start, every finished run is reported, and
 * the failure that caused the stop is thrown.
 */
export async function runInPool(slots: SuiteSlot[], jobs: number, store: RunStore, observers: SuiteObserver[], signal?: AbortSignal): Promise<RunSummary[]> {
  const pool = new RunPool(jobs);
  const prefetch = new WorkspacePrefetch(slots.map((s) => s.task), jobs);
  const stop = new AbortController();
  const onOuterAbort = (): void => stop.abort();
  if (signal?.aborted) stop.abort();
  else signal?.addEventListener('abort', onOuterAbort, { once: true });
  // A finished run's outcome waits here only until its hooks go out: a nightly suite has
  // thousands of runs, each record a full timeline, so delivered ones are dropped (`finished` keeps
  // which ran).
  const outcomes: (Outcome | undefined)[] = slots.map(() => undefined);
  const finished: boolean[] = slots.map(() => false);
  const summaries: RunSummary[] = [];
  let cause: Error | undefined;
  let firstFailure: Error | undefined;
  let next = 0;
  let delivering = Promise.resolve();
  // Hooks go out one run at a time, in plan order, as the head of the plan finishes.
  const deliverReady = (): Promise<void> =>
    (delivering = delivering.then(async () => {
      for (; next < slots.length && outcomes[next]; next++) await deliverOnce(next);
    }));
  const deliverOnce = async (i: number): Promise<void> => {
    const outcome = outcomes[i]!;
    outcomes[i] = undefined;
    await deliver(slots[i], outcome, observers);
  };
  try {
    await Promise.all(
      slots.map(async (slot, i) => {
        const reply = await pool.run(() => prefetch.taskOf(i), stop.signal);
        if (!reply) return; // stopped before it started
        if (reply.type === 'done') {
          const result = reviveResult(reply.carried);
          summaries.push(await store.writeRun(result, slot.key, slot.dirName, reply.carried.truthJsonl));
          outcomes[i] = { ok: true, result };
          finished[i] = true;
        } else {
          const error = reviveError(reply.error);
          await store.writeUnfinished(slot.dirName, reply.events);
          outcomes[i] = { ok: false, events: reply.events, error };
          finished[i] = true;
          firstFailure ??= error;
          if (!stop.signal.aborted) cause = error;
          stop.abort();
        }
        await deliverReady();
      }),
    );
  } finally {
    signal?.removeEventListener('abort', onOuterAbort);
    await pool.close();
    await prefetch.dispose();
  }
  // After a stop, runs that finished behind one that never started are still reported, in order.
  await delivering;
  for (; next < slots.length; next++) if (outcomes[next]) await deliverOnce(next);
  if (firstFailure || finished.some((f) => !f)) throw cause ?? firstFailure ?? new InterruptedError();
  return summaries;
}

async function deliver(slot: SuiteSlot, outcome: Outcome, observers: SuiteObserver[]): Promise<void> {
  for (const o of observers) await o.onRunStart?.(slot.info);
  const events = outcome.ok ? outcome.result.record.timeline : outcome.events;
  for (const e of events) for (const o of observers) o.onEvent?.(e);
  if (outcome.ok) for (const o of observers) await o.onRunEnd?.(outcome.result, slot.dir);
  else for (const o of observers) await o.onRunFailed?.(slot.info, outcome.error, slot.dir);
}
