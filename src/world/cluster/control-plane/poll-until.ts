import { InfraError } from '../../../util/errors.ts';

/**
 * Calls `check` every `everyMs` until it returns a value (not undefined); errors from `check` count
 * as "not yet". Throws an InfraError naming `what` (and the last error) after `timeoutMs`, and
 * the signal's reason when aborted. `guard` runs before each try (a component that died fails fast).
 */
export async function pollUntil<T>(
  what: string,
  check: () => Promise<T | undefined>,
  opts: { timeoutMs: number; everyMs?: number; signal?: AbortSignal; guard?: () => void },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let last: unknown;
  for (;;) {
    opts.signal?.throwIfAborted();
    opts.guard?.();
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() >= deadline) {
      const why = last instanceof Error ? `: ${last.message}` : '';
      throw new InfraError(`timed out after ${Math.round(opts.timeoutMs / 1000)} s waiting for ${what}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, opts.everyMs ?? 200));
  }
}
