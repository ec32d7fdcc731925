/**
 * Time as every component sees it. The same controller code runs in virtual time (sim) and in
 * wall time (local, kind): nothing in a run reads Date.now() or setTimeout directly.
 * Times are milliseconds since the run's epoch (0 = run start) on `sim`, Unix ms on wall clocks.
 */
export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Calls `fn` at `at` (absolute). Returns a cancel function. */
  schedule(at: number, fn: () => void): () => void;
  /**
   * Holds time while `work` (real I/O: an agent process, a model call, `git apply`, a test run)
   * is in flight, so the world does not run on without it. On a virtual clock no event runs
   * until it settles; on wall clocks time cannot stop and this only measures. The caller decides
   * what time the work is charged (its measured wall time, or a modeled time) and sleeps it.
   */
  hold<T>(work: Promise<T>): Promise<Held<T>>;
}

/** What a held piece of work returned and how long it really took. */
export interface Held<T> {
  value: T;
  /** Wall milliseconds the work was in flight. */
  wallMs: number;
}

/** hold() for clocks that cannot stop: measures the work's wall time, nothing else. */
export async function measureWork<T>(work: Promise<T>): Promise<Held<T>> {
  const started = performance.now();
  const value = await work;
  return { value, wallMs: performance.now() - started };
}
