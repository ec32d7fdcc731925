import { labelsKey, type Labels } from '../labels.ts';
import type { MetricSource, QueryResult } from '../metric-source.ts';
import type { Tsdb } from '../tsdb.ts';
import { expandTemplate } from './alert-template.ts';
import type { AlertingRule, RecordingRule, Rule, RuleFile, RuleGroup } from './rule-file.ts';

export type AlertState = 'inactive' | 'pending' | 'firing';

export interface Alert {
  /** Series labels (without __name__), rule labels, and alertname. */
  labels: Labels;
  annotations: Labels;
  state: AlertState;
  value: number;
  /** When the alert became pending (ms). */
  activeAt: number;
  firedAt?: number;
  resolvedAt?: number;
}

/** One alert moving between states at an evaluation. */
export interface AlertChange {
  rule: string;
  group: string;
  at: number;
  from: AlertState;
  to: AlertState;
  alert: Alert;
}

export interface RuleEvaluation {
  changes: AlertChange[];
  /** Alerts pending or firing after this evaluation. */
  active: Alert[];
  /** Rules whose query failed (the alerts of a failed rule keep their state, as in Prometheus). */
  errors: { group: string; rule: string; message: string }[];
}

export interface RuleEvaluatorOptions {
  /** Where rule expressions are evaluated (the embedded engine on `sim`, a real server elsewhere). */
  source: MetricSource;
  /** When given, recording rules and ALERTS{alertstate=...} series are written here. */
  tsdb?: Tsdb;
}

/**
 * Evaluates a rule file at times the caller chooses (the simulator calls it every evaluation
 * interval, in virtual time), with Prometheus's alerting semantics (rules/alerting.go): a new
 * result is pending, firing once it has been active for `for`, kept firing for
 * `keep_firing_for` after it disappears, then inactive. Rules of a group run in order, so a
 * recording rule feeds the rules after it.
 */
export class RuleEvaluator {
  private readonly active = new Map<AlertingRule, Map<string, TrackedAlert>>();
  /** Series each rule wrote at its last evaluation (to end the ones it stops writing). */
  private readonly writtenSeries = new Map<Rule, Map<string, Labels>>();
  private readonly lastEval = new Map<RuleGroup, number>();

  constructor(readonly rules: RuleFile, private readonly opts: RuleEvaluatorOptions) {}

  async evaluateAt(t: number): Promise<RuleEvaluation> {
    const out: RuleEvaluation = { changes: [], active: [], errors: [] };
    for (const group of this.rules.groups) {
      const last = this.lastEval.get(group);
      if (group.intervalMs !== undefined && last !== undefined && t - last < group.intervalMs) continue;
      this.lastEval.set(group, t);
      for (const rule of group.rules) {
        try {
          const result = await this.opts.source.instant(rule.expr, t - group.queryOffsetMs);
          const samples = toSamples(result);
          if (group.limit > 0 && samples.length > group.limit) {
            throw new Error(`exceeded limit of ${group.limit} with ${samples.length} ${rule.kind === 'alert' ? 'alerts' : 'series'}`);
          }
          if (rule.kind === 'record') this.record(rule, samples, t);
          else out.changes.push(...this.updateAlerts(group, rule, samples, t));
        } catch (err) {
          out.errors.push({ group: group.name, rule: rule.name, message: (err as Error).message });
        }
      }
    }
    out.active = this.alerts();
    return out;
  }

  /** Alerts currently pending or firing. */
  alerts(): Alert[] {
    return [...this.active.values()].flatMap((m) => [...m.values()]).filter((a) => a.state !== 'inactive').map(publicAlert);
  }

  /** Writes a recording rule's result; series it no longer yields get a staleness marker. */
  private record(rule: RecordingRule, samples: { metric: Labels; value: number }[], t: number): void {
    const tsdb = this.opts.tsdb;
    if (!tsdb) return;
    const written = new Map<string, Labels>();
    for (const s of samples) {
      const labels = { ...s.metric, ...rule.labels, __name__: rule.name };
      tsdb.append(labels, t, s.value);
      written.set(labelsKey(labels), labels);
    }
    this.markEnded(rule, written, t);
  }

  private markEnded(rule: Rule, written: Map<string, Labels>, t: number): void {
    for (const [key, labels] of this.writtenSeries.get(rule) ?? []) if (!written.has(key)) this.opts.tsdb?.markStale(labels, t);
    this.writtenSeries.set(rule, written);
  }

  private updateAlerts(group: RuleGroup, rule: AlertingRule, samples: { metric: Labels; value: number }[], t: number): AlertChange[] {
    let active = this.active.get(rule);
    if (!active) this.active.set(rule, (active = new Map()));
    const before = new Map<TrackedAlert, AlertState>([...active.values()].map((a) => [a, a.state]));
    const seen = new Set<string>();
    for (const s of samples) {
      const { __name__: _name, ...seriesLabels } = s.metric;
      const expand = (text: string): string => expandTemplate(text, seriesLabels, s.value);
      const labels: Record<string, string> = { ...seriesLabels };
      for (const [k, v] of Object.entries(rule.labels)) labels[k] = expand(v);
      labels.alertname = rule.name;
      const annotations = Object.fromEntries(Object.entries(rule.annotations).map(([k, v]) => [k, expand(v)]));
      const key = labelsKey(labels);
      if (seen.has(key)) throw new Error('vector contains metrics with the same labelset after applying alert labels');
      seen.add(key);
      const existing = active.get(key);
      if (existing && existing.state !== 'inactive') {
        existing.value = s.value;
        existing.annotations = annotations;
        existing.keepFiringSince = undefined;
        continue;
      }
      active.set(key, { labels, annotations, state: 'pending', value: s.value, activeAt: t });
    }
    for (const [key, a] of active) {
      if (!seen.has(key)) {
        let keepFiring = false;
        if (a.state === 'firing' && rule.keepFiringForMs > 0) {
          a.keepFiringSince ??= t;
          keepFiring = t - a.keepFiringSince < rule.keepFiringForMs;
        }
        // Resolved alerts are kept 15 minutes (Prometheus's resolvedRetention), pending ones dropped.
        if (a.state === 'pending' || (a.resolvedAt !== undefined && t - a.resolvedAt > 15 * 60_000)) active.delete(key);
        if (a.state !== 'inactive' && !keepFiring) {
          a.state = 'inactive';
          a.resolvedAt = t;
        }
        if (!keepFiring) continue;
      }
      if (a.state === 'pending' && t - a.activeAt >= rule.forMs) {
        a.state = 'firing';
        a.firedAt = t;
      }
    }
    this.writeAlertSeries(rule, active, t);
    const changes: AlertChange[] = [];
    for (const a of new Set([...before.keys(), ...active.values()])) {
      const from = before.get(a) ?? 'inactive';
      if (from !== a.state) changes.push({ rule: rule.name, group: group.name, at: t, from, to: a.state, alert: publicAlert(a) });
    }
    return changes;
  }

  /** ALERTS{alertstate} and ALERTS_FOR_STATE, as Prometheus writes them; ended series get a stale marker. */
  private writeAlertSeries(rule: AlertingRule, active: Map<string, TrackedAlert>, t: number): void {
    const tsdb = this.opts.tsdb;
    if (!tsdb) return;
    const written = new Map<string, Labels>();
    for (const a of active.values()) {
      if (a.state === 'inactive') continue;
      const alerts = { ...a.labels, __name__: 'ALERTS', alertstate: a.state };
      const forState = { ...a.labels, __name__: 'ALERTS_FOR_STATE' };
      tsdb.append(alerts, t, 1);
      tsdb.append(forState, t, a.activeAt / 1000);
      written.set(labelsKey(alerts), alerts);
      written.set(labelsKey(forState), forState);
    }
    this.markEnded(rule, written, t);
  }
}

interface TrackedAlert extends Alert {
  keepFiringSince?: number;
}

function publicAlert(a: TrackedAlert): Alert {
  const { keepFiringSince: _k, ...rest } = a;
  return { ...rest, labels: { ...a.labels }, annotations: { ...a.annotations } };
}

/** Rule results as samples; a scalar is one sample without labels (as in Prometheus). */
function toSamples(r: QueryResult): { metric: Labels; value: number }[] {
  if (r.resultType === 'vector') return r.result.map((s) => ({ metric: s.metric, value: s.value[1] }));
  if (r.resultType === 'scalar') return [{ metric: {}, value: r.result[1] }];
  throw new Error(`rule result is a ${r.resultType}, not an instant vector or scalar`);
}
