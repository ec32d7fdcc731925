import type { TruthBucket } from '../world/truth.ts';

/** Length of the window the user-facing SLI is judged over. */
export const SLI_WINDOW_MS = 60_000;
/** How long the SLI must stay within SLO to count as recovered. */
export const RECOVERY_HOLD_MS = 5 * 60_000;

/**
 * Per-second good/bad counts from the ground truth, with prefix sums so any window's SLI is O(1).
 * Seconds with no requests count as empty (neither good nor bad).
 */
export class SliSeries {
  readonly startMs: number;
  private readonly badPrefix: number[];
  private readonly totalPrefix: number[];

  constructor(buckets: readonly TruthBucket[]) {
    this.startMs = buckets.length ? buckets[0].t : 0;
    const seconds = buckets.length ? (buckets[buckets.length - 1].t - this.startMs) / 1000 + 1 : 0;
    const bad = new Array<number>(seconds).fill(0);
    const total = new Array<number>(seconds).fill(0);
    for (const b of buckets) {
      const i = (b.t - this.startMs) / 1000;
      bad[i] += b.failed + b.slow;
      total[i] += b.total;
    }
    this.badPrefix = prefix(bad);
    this.totalPrefix = prefix(total);
  }

  get endMs(): number {
    return this.startMs + (this.totalPrefix.length - 1) * 1000;
  }

  /** Bad and total requests that started in [from, to). */
  count(from: number, to: number): { bad: number; total: number } {
    const a = this.index(from);
    const b = this.index(to);
    return { bad: this.badPrefix[b] - this.badPrefix[a], total: this.totalPrefix[b] - this.totalPrefix[a] };
  }

  /** Good share (percent) over [from, to); undefined when no request started there. */
  goodPercent(from: number, to: number): number | undefined {
    const { bad, total } = this.count(from, to);
    return total === 0 ? undefined : (100 * (total - bad)) / total;
  }

  private index(t: number): number {
    return Math.max(0, Math.min(this.totalPrefix.length - 1, Math.floor((t - this.startMs) / 1000)));
  }
}

function prefix(values: number[]): number[] {
  const out = new Array<number>(values.length + 1);
  out[0] = 0;
  for (let i = 0; i < values.length; i++) out[i + 1] = out[i] + values[i];
  return out;
}

/**
 * When users left the SLO, as a monitor sees it: the first time after `from` whose trailing
 * SLI window (which may reach back before `from`) is out of SLO.
 */
export function findFirstBreach(sli: SliSeries, from: number, objective: number): number | undefined {
  for (let t = from + 1000; t <= sli.endMs + 1000; t += 1000) {
    const good = sli.goodPercent(t - SLI_WINDOW_MS, t);
    if (good !== undefined && good < objective) return t;
  }
  return undefined;
}

/**
 * When users were back, looking forward from `from`: the first time T such that every SLI window
 * starting in [T, T + RECOVERY_HOLD_MS] is within SLO. Forward windows put recovery where the
 * users' experience changed (a trailing window would add up to a window of lag); requiring the
 * whole hold means a flapping recovery does not count, nor one the run ended too early to see.
 */
export function findSustainedRecovery(sli: SliSeries, from: number, objective: number): number | undefined {
  const lastStart = sli.endMs + 1000 - SLI_WINDOW_MS;
  let runStart: number | undefined;
  for (let t = from; t <= lastStart; t += 1000) {
    const good = sli.goodPercent(t, t + SLI_WINDOW_MS);
    if (good !== undefined && good >= objective) {
      runStart ??= t;
      if (t - runStart >= RECOVERY_HOLD_MS) return runStart;
    } else {
      runStart = undefined;
    }
  }
  return undefined;
}
