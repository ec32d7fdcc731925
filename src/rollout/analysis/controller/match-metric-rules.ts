/**
 * dryRun and measurementRetention rules (utils/analysis/helpers.go:GetDryRunMetrics,
 * GetMeasurementRetentionMetrics): each `metricName` is an unanchored Go regular expression; a
 * rule that matches no metric (including an invalid regex such as a bare `*`) is an error.
 */
import type { DryRun, MeasurementRetention, Metric } from '../types.ts';

function matches(pattern: string, name: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(name);
  } catch {
    return false;
  }
}

export function matchDryRunRules(rules: DryRun[], metrics: Metric[]): { names: Set<string> } | { error: string } {
  const names = new Set<string>();
  for (const [i, rule] of rules.entries()) {
    const hit = metrics.filter((m) => matches(rule.metricName, m.name));
    if (hit.length === 0) return { error: `dryRun[${i}]: Rule didn't match any metric name(s)` };
    hit.forEach((m) => names.add(m.name));
  }
  return { names };
}

export function matchRetentionRules(rules: MeasurementRetention[], metrics: Metric[]): { limits: Map<string, number> } | { error: string } {
  const limits = new Map<string, number>();
  for (const [i, rule] of rules.entries()) {
    const hit = metrics.filter((m) => matches(rule.metricName, m.name));
    if (hit.length === 0) return { error: `measurementRetention[${i}]: Rule didn't match any metric name(s)` };
    hit.forEach((m) => limits.set(m.name, rule.limit));
  }
  return { limits };
}
