import type { Rng } from '../../../src/util/rng.ts';

/**
 * Seeded series for the differential test, written in the `load` notation that both
 * `promtool test rules` (input_series) and our series-file loader read: counters with resets,
 * gauges, classic histograms, gaps (`_`) and staleness markers.
 *
 * Chosen so that Prometheus 2.42 (the server available here) and 3.x (the conformance target)
 * must agree:
 *  - The interval is one millisecond more than whole seconds (15001 ms, 10001 ms) and every
 *    series starts with a gap at t=0: sample k is at k * interval, whose milliseconds are k
 *    (mod 1000). Queries run at whole seconds plus more milliseconds than there are samples, and
 *    every range, offset and step is whole seconds; so no window edge ever falls exactly on a
 *    sample, where 2.42 (closed windows) and 3.x (left-open windows) differ.
 *  - Counters start high, are never interrupted by a gap (or staleness marker) after their first
 *    reset, and do not reset soon after a gap: rate()'s extrapolation towards zero was reordered
 *    in 3.x and differs only where a window starts in a gap and its first sample is close to zero.
 *  - No NaN or ±Inf values (stddev/stdvar of a lone NaN changed in 3.x).
 * The 3.x reference (whose semantics the engine follows) lifts the counter precautions: see
 * generateGroup's `anyResets`.
 */
export interface DataGroup {
  /** Scrape interval in ms. */
  interval: number;
  /** Number of slots per series (the last sample is at (slots - 1) * interval). */
  slots: number;
  lines: string[];
}

/** Slots between a gap and a later reset: more than the longest range (10m) plus margin. */
const RESET_DISTANCE = 70;
const SERVICES = ['a', 'b'];
const INSTANCES = ['0', '1'];
const CODES = ['200', '500'];
const LE = ['0.05', '0.1', '0.25', '0.5', '1', '+Inf'];
const BOUNDS = [0.05, 0.1, 0.25, 0.5, 1, Infinity];

/**
 * `anyResets` (the 3.x reference only): counters may reset anywhere, also right after a gap and
 * near zero, and may keep gapping after a reset: rate()'s extrapolation towards zero, which 3.x
 * reordered, is then exercised.
 */
export function generateGroup(rng: Rng, interval: number, slots: number, opts: { anyResets?: boolean } = {}): DataGroup {
  const lines: string[] = [];
  for (const service of SERVICES) {
    for (const instance of INSTANCES) {
      for (const code of CODES) {
        lines.push(`http_requests_total{service="${service}", instance="${instance}", code="${code}"} ${counter(rng, slots, code === '500' ? 2 : 20, opts.anyResets === true)}`);
      }
      lines.push(`queue_depth{service="${service}", instance="${instance}"} ${gauge(rng, slots)}`);
    }
    lines.push(...histogram(rng, service, slots, opts.anyResets === true));
    lines.push(`service_info{service="${service}", version="v${1 + rng.int(3)}"} _ 1x${slots - 2}`);
  }
  return { interval, slots, lines };
}

function fmt(v: number): string {
  return String(Math.round(v * 1000) / 1000);
}

/** A counter: high start, random increments, rare resets, gaps and stale markers before the first reset. */
function counter(rng: Rng, slots: number, rate: number, anyResets: boolean): string {
  const items = ['_'];
  let v = 10_000 + rng.next() * 90_000;
  let reset = false;
  let lastGap = 0;
  const gaps = (): boolean => !reset || anyResets;
  for (let k = 1; k < slots; k++) {
    const r = rng.next();
    if (gaps() && r < 0.03) {
      items.push('_');
      lastGap = k;
      continue;
    }
    if (gaps() && r < 0.04) {
      items.push('stale');
      lastGap = k;
      continue;
    }
    if (r > (anyResets ? 0.98 : 0.99) && (anyResets || k - lastGap > RESET_DISTANCE)) {
      v = rng.next() * rate;
      reset = true;
    } else v += rng.next() * rate * (rng.next() < 0.5 ? 1 : 0.37);
    items.push(fmt(v));
  }
  return items.join(' ');
}

/** A positive gauge doing a random walk, with gaps and stale markers. */
function gauge(rng: Rng, slots: number): string {
  const items = ['_'];
  let v = 50 + rng.next() * 100;
  for (let k = 1; k < slots; k++) {
    const r = rng.next();
    if (r < 0.04) items.push('_');
    else if (r < 0.05) items.push('stale');
    else {
      v = Math.max(1, v + (rng.next() - 0.5) * 10);
      items.push(fmt(v));
    }
  }
  return items.join(' ');
}

/** A classic histogram: cumulative integer buckets, _sum and _count; gaps and resets hit all its series. */
function histogram(rng: Rng, service: string, slots: number, anyResets: boolean): string[] {
  const buckets = LE.map(() => ['_']);
  const sum = ['_'];
  const count = ['_'];
  let counts = LE.map(() => 0);
  let total = 0;
  let observed = 0;
  let reset = false;
  const observe = (n: number): void => {
    for (let i = 0; i < n; i++) {
      const seconds = rng.logNormal(service === 'a' ? 0.08 : 0.3, 0.8);
      total += seconds;
      observed++;
      BOUNDS.forEach((b, j) => {
        if (seconds <= b) counts[j]++;
      });
    }
  };
  // Like a process that has been up for a while: rate() must not see it start near zero.
  observe(5000);
  let lastGap = 0;
  for (let k = 1; k < slots; k++) {
    const r = rng.next();
    if ((!reset || anyResets) && r < 0.03) {
      for (const b of buckets) b.push('_');
      sum.push('_');
      count.push('_');
      lastGap = k;
      continue;
    }
    if (r > (anyResets ? 0.99 : 0.995) && (anyResets || k - lastGap > RESET_DISTANCE)) {
      counts = LE.map(() => 0);
      total = 0;
      observed = 0;
      reset = true;
    }
    observe(rng.int(20));
    counts.forEach((c, j) => buckets[j].push(String(c)));
    sum.push(fmt(total));
    count.push(String(observed));
  }
  return [
    ...LE.map((le, j) => `request_duration_seconds_bucket{service="${service}", le="${le}"} ${buckets[j].join(' ')}`),
    `request_duration_seconds_sum{service="${service}"} ${sum.join(' ')}`,
    `request_duration_seconds_count{service="${service}"} ${count.join(' ')}`,
  ];
}
