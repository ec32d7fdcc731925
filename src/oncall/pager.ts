import type { Clock } from '../clock/clock.ts';
import type { MetricSource } from '../metrics/metric-source.ts';
import type { Timeline } from '../timeline/timeline.ts';
import type { PagerRule } from './burn-rate-rules.ts';

/**
 * Evaluates paging rules on a fixed interval (as Prometheus's rule manager does) and pages once
 * per incident: the first firing rule pages; later firings while paged are recorded, not re-paged.
 */
export class Pager {
  private paged = false;
  private readonly firing = new Set<string>();
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly metrics: MetricSource,
    private readonly rules: PagerRule[],
    private readonly intervalMs: number,
    private readonly timeline: Timeline,
    private readonly onPage: (rule: string) => void,
  ) {}

  start(until: number): void {
    const tick = (at: number): void => {
      if (at > until || this.stopped) return;
      this.clock.schedule(at, () => {
        void this.evaluate().then(() => tick(at + this.intervalMs));
      });
    };
    tick(this.clock.now() + this.intervalMs);
  }

  stop(): void {
    this.stopped = true;
  }

  /** A page from outside the rules (Argo Notifications on a rollout abort): once per incident. */
  notify(reason: string): void {
    const t = this.clock.now();
    this.timeline.emit(t, 'pager', 'notification.received', { alert: reason });
    this.sendPage(t, reason);
  }

  private sendPage(t: number, alert: string): void {
    if (this.paged) return;
    this.paged = true;
    this.timeline.emit(t, 'pager', 'page.sent', { alert });
    this.onPage(alert);
  }

  private async evaluate(): Promise<void> {
    const t = this.clock.now();
    for (const rule of this.rules) {
      const result = await this.metrics.instant(rule.expr, t);
      const active = result.resultType === 'vector' ? result.result.length > 0 : result.resultType === 'scalar' ? result.result[1] !== 0 : false;
      if (active && !this.firing.has(rule.name)) {
        this.firing.add(rule.name);
        this.timeline.emit(t, 'pager', 'alert.firing', { alert: rule.name });
        this.sendPage(t, rule.name);
      } else if (!active && this.firing.has(rule.name)) {
        this.firing.delete(rule.name);
        this.timeline.emit(t, 'pager', 'alert.resolved', { alert: rule.name });
      }
    }
  }
}
