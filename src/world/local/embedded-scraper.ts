import type { Agent } from 'node:http';
import { labelsKey, type Labels } from '../../metrics/labels.ts';
import { requestJson } from '../../testbed/process/http-json.ts';
import { parseExposition } from './exposition-parser.ts';
import type { SampleSink } from './drill-time-tsdb.ts';
import { SCRAPE_JOB, instanceOf, type ScrapeTarget } from './scrape-target.ts';

interface TargetState {
  target: ScrapeTarget;
  /** Series seen in the last successful scrape (they get staleness markers when they vanish). */
  seen: Map<string, Labels>;
  busy: boolean;
  succeeded: boolean;
}

/**
 * Prometheus's scrape loop, embedded: every interval, GET each target's real /metrics, and
 * append its samples at the scrape's start time (Unix ms) with `job` and `instance` labels, plus
 * `up`. A failed scrape writes up=0 and staleness markers, as Prometheus does.
 */
export class EmbeddedScraper {
  private readonly states: TargetState[];
  private timer: NodeJS.Timeout | undefined;
  private allUp: (() => void) | undefined;
  scrapes = 0;

  constructor(
    private readonly tsdb: SampleSink,
    targets: ScrapeTarget[],
    private readonly intervalMs: number,
    private readonly agent: Agent,
  ) {
    this.states = targets.map((target) => ({ target, seen: new Map(), busy: false, succeeded: false }));
  }

  /** Starts scraping now; resolves once every target was scraped successfully once. */
  start(): Promise<void> {
    const ready = new Promise<void>((resolve) => (this.allUp = resolve));
    const loop = (): void => {
      void this.scrapeAll();
      this.timer = setTimeout(loop, this.intervalMs);
    };
    loop();
    return ready;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async scrapeAll(): Promise<void> {
    const t = Date.now();
    await Promise.all(this.states.map((s) => this.scrape(s, t)));
    this.scrapes++;
    if (this.allUp && this.states.every((s) => s.succeeded)) {
      this.allUp();
      this.allUp = undefined;
    }
  }

  private async scrape(state: TargetState, t: number): Promise<void> {
    // A scrape slower than the interval is skipped, never run twice at once.
    if (state.busy) return;
    state.busy = true;
    const targetLabels = { job: SCRAPE_JOB, instance: instanceOf(state.target), ...state.target.labels };
    try {
      const answer = await requestJson(this.agent, state.target.port, { method: 'GET', path: '/metrics', timeoutMs: Math.max(500, this.intervalMs * 0.9), responseType: 'text' });
      if (answer.status !== 200 || typeof answer.body !== 'string') throw new Error(`HTTP ${answer.status}`);
      const seen = new Map<string, Labels>();
      for (const s of parseExposition(answer.body)) {
        const labels = { ...s.labels, ...targetLabels };
        seen.set(labelsKey(labels), labels);
        this.tsdb.append(labels, t, s.value);
      }
      for (const [key, labels] of state.seen) if (!seen.has(key)) this.tsdb.markStale(labels, t);
      state.seen = seen;
      state.succeeded = true;
      this.tsdb.append({ __name__: 'up', ...targetLabels }, t, 1);
    } catch {
      for (const labels of state.seen.values()) this.tsdb.markStale(labels, t);
      state.seen = new Map();
      this.tsdb.append({ __name__: 'up', ...targetLabels }, t, 0);
    } finally {
      state.busy = false;
    }
  }
}
