import type { Clock } from '../clock/clock.ts';
import type { Alert, RuleEvaluator } from '../metrics/rules/rule-evaluator.ts';
import type { Timeline } from '../timeline/timeline.ts';

/** Alerts with these severities page a human; others are recorded only (Alertmanager routing). */
const PAGING_SEVERITIES = new Set(['page', 'critical']);

/**
 * Prometheus's rule manager plus a minimal Alertmanager: evaluates the alerting rules on a fixed
 * interval and pages once per incident (the first firing paging alert, or a notification such as
 * Argo's on-rollout-aborted). Later firings while paged are recorded, not re-paged.
 */
export class Pager {
  private paged = false;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly rules: RuleEvaluator,
    private readonly intervalMs: number,
    private readonly timeline: Timeline,
    /** `alert` is the firing alert instance when a rule paged (its labels and annotations), absent for a notification. */
    private readonly onPage: (reason: string, alert?: Alert) => void,
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

  private sendPage(t: number, reason: string, alert?: Alert): void {
    if (this.paged) return;
    this.paged = true;
    this.timeline.emit(t, 'pager', 'page.sent', { alert: reason });
    this.onPage(reason, alert);
  }

  private async evaluate(): Promise<void> {
    const t = this.clock.now();
    const { changes, errors } = await this.rules.evaluateAt(t);
    for (const e of errors) this.timeline.emit(t, 'pager', 'rule.failed', { group: e.group, rule: e.rule, message: e.message });
    for (const c of changes) {
      const severity = c.alert.labels.severity;
      this.timeline.emit(t, 'pager', `alert.${c.to === 'inactive' ? 'resolved' : c.to}`, {
        alert: c.rule, ...(severity ? { severity } : {}), value: c.alert.value,
      });
      if (c.to === 'firing' && (severity === undefined || PAGING_SEVERITIES.has(severity))) this.sendPage(t, c.rule, c.alert);
    }
  }
}
