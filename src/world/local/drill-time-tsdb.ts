import type { Labels } from '../../metrics/labels.ts';
import { Tsdb } from '../../metrics/tsdb.ts';
import type { ScaledClock } from './scaled-clock.ts';

/** Where scraped samples go, stamped in real Unix ms (as Prometheus stamps them). */
export interface SampleSink {
  append(labels: Labels, t: number, v: number): void;
  markStale(labels: Labels, t: number): void;
}

/**
 * The embedded scraper's TSDB, offered to the run as the world's TSDB. The scraper writes real
 * Unix ms (through `realTime`); whoever writes through the Tsdb interface (the rule evaluator's
 * recording rules and ALERTS series) writes at drill times, converted with the clock, so what
 * it records lines up with the scraped series it was computed from.
 */
export class DrillTimeTsdb extends Tsdb {
  readonly realTime: SampleSink = {
    append: (labels, t, v) => super.append(labels, t, v),
    markStale: (labels, t) => super.markStale(labels, t),
  };

  constructor(private readonly clock: ScaledClock) {
    super();
  }

  override append(labels: Labels, t: number, v: number): void {
    super.append(labels, Math.round(this.clock.toUnixMs(t)), v);
  }

  override markStale(labels: Labels, t: number): void {
    super.markStale(labels, Math.round(this.clock.toUnixMs(t)));
  }
}
