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
}
