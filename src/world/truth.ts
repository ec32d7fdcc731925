/**
 * Ground truth: the real outcome of every user request, bucketed per second. Scoring uses this,
 * never the stack's own metrics. A request is bad when it failed (5xx, client timeout, dropped
 * by the load generator because too many were in flight) or was slower than the SLO threshold.
 */
export interface TruthBucket {
  /** Bucket start, ms since run start. */
  t: number;
  total: number;
  failed: number;
  slow: number;
  dropped: number;
  /** Requests whose deployed service was served by the canary (new) version. */
  canary: number;
  canaryBad: number;
  /** Requests (sent ones) by the commit (12-char id) of the deployed service that served them. */
  byCommit: Record<string, { total: number; bad: number }>;
  /**
   * Sent requests by latency bucket: upper bound in ms (LATENCY_BOUNDS_MS, "+Inf" last) -> count,
   * empty buckets left out. Reports read user-facing percentiles over any window from it.
   */
  latency?: Record<string, number>;
}

/** Prometheus's default histogram buckets, in ms: they straddle every SLO threshold a scenario sets. */
export const LATENCY_BOUNDS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const;

/** The bucket labels, made once, "+Inf" last: every user request is counted in one. */
const LATENCY_LABELS = [...LATENCY_BOUNDS_MS.map(String), '+Inf'];

function latencyIndex(ms: number): number {
  for (let i = 0; i < LATENCY_BOUNDS_MS.length; i++) if (ms <= LATENCY_BOUNDS_MS[i]) return i;
  return LATENCY_BOUNDS_MS.length;
}

/** User requests that started in [from, to), and the bad ones (failed or slower than the SLO). */
export function countRequestsBetween(truth: readonly TruthBucket[], from: number, to: number): { total: number; bad: number } {
  let total = 0;
  let bad = 0;
  for (const b of truth) {
    if (b.t < from || b.t >= to) continue;
    total += b.total;
    bad += b.failed + b.slow;
  }
  return { total, bad };
}

export interface RequestOutcome {
  start: number;
  latencyMs: number;
  status: number;
  /** 'timeout' when the client gave up, 'dropped' when it never sent it. */
  error?: 'timeout' | 'dropped';
  servedByCanary: boolean;
}

/**
 * A bucket still being counted: its latency counts by bucket index (no string key per request),
 * written out as the bucket's `latency` record when it is taken.
 */
interface OpenBucket {
  bucket: TruthBucket;
  latency: number[] | undefined;
}

export class TruthRecorder {
  private readonly buckets = new Map<number, OpenBucket>();
  /** The bucket the last request went to: nearly every request falls in the same one as the one before. */
  private last: OpenBucket | undefined;

  constructor(
    private readonly slowMs: number,
    /** The commit each slot of the deployed service runs right now. */
    private readonly commitOf: (slot: 'stable' | 'canary') => string,
    private readonly bucketMs = 1000,
  ) {}

  record(o: RequestOutcome): void {
    const t = Math.floor(o.start / this.bucketMs) * this.bucketMs;
    let open = this.last;
    if (open === undefined || open.bucket.t !== t) {
      open = this.buckets.get(t);
      if (!open) {
        open = { bucket: { t, total: 0, failed: 0, slow: 0, dropped: 0, canary: 0, canaryBad: 0, byCommit: {} }, latency: undefined };
        this.buckets.set(t, open);
      }
      this.last = open;
    }
    const b = open.bucket;
    b.total++;
    const failed = o.error !== undefined || o.status >= 500;
    const slow = !failed && o.latencyMs > this.slowMs;
    if (o.error === 'dropped') b.dropped++;
    if (failed) b.failed++;
    if (slow) b.slow++;
    if (o.servedByCanary) {
      b.canary++;
      if (failed || slow) b.canaryBad++;
    }
    if (o.error !== 'dropped') {
      const commit = this.commitOf(o.servedByCanary ? 'canary' : 'stable');
      const c = (b.byCommit[commit] ??= { total: 0, bad: 0 });
      c.total++;
      if (failed || slow) c.bad++;
      const latency = (open.latency ??= new Array<number>(LATENCY_LABELS.length).fill(0));
      latency[latencyIndex(o.latencyMs)]++;
    }
  }

  /** Buckets that are complete before `before` (requests are recorded by start time). */
  takeBefore(before: number): TruthBucket[] {
    const done = [...this.buckets.values()].filter((open) => open.bucket.t + this.bucketMs <= before).sort((a, b) => a.bucket.t - b.bucket.t);
    for (const open of done) {
      this.buckets.delete(open.bucket.t);
      if (open === this.last) this.last = undefined;
    }
    return done.map(closeBucket);
  }
}

/** The bucket as reports read it: latency counts by bound label, empty bounds left out. */
function closeBucket(open: OpenBucket): TruthBucket {
  const { bucket, latency } = open;
  if (latency) {
    const record: Record<string, number> = {};
    for (let i = 0; i < latency.length; i++) if (latency[i] > 0) record[LATENCY_LABELS[i]] = latency[i];
    bucket.latency = record;
  }
  return bucket;
}
