import { checkDuration } from '../../config/duration-field.ts';
import { PROMETHEUS_DURATION } from '../../metrics/rules/rule-schema.ts';
import { compareConditions } from './condition-thresholds.ts';
import { describeChange, measureThreshold } from './measure-numbers.ts';
import type { Measured, ValueContext, ValueRule } from './rule-types.ts';
import { isRecord, itemLabel } from './value-diff.ts';

/**
 * Rules for Prometheus rule files (`groups:`, or a PrometheusRule's `spec.groups`): an alert's
 * `expr` bound and its `for` are thresholds; a changed recording rule, a removed alert or a
 * relabelled severity changes what pages, which is an `analysis-change` for a human.
 */
const RULE_PATH = String.raw`^(?:spec\.)?groups\[([^\]]+)\]\.rules\[([^\]]+)\]`;

export const ALERT_RULES: ValueRule[] = [
  {
    id: 'alert-expr',
    kind: 'value',
    files: 'yaml',
    scope: 'value',
    path: new RegExp(`${RULE_PATH}\\.expr$`),
    classes: ['threshold-widen', 'threshold-tighten', 'analysis-change'],
    matches: "an alerting rule's `expr` whose numbers moved next to a comparison (`> 0.05`)",
    why: 'an alert fires while its expr holds: raising a `>` bound pages for less',
    measure: (leaf, ctx, m) => measureExpr(`alert ${m?.[2]} expr`, leaf.from, leaf.to, isAlert(ctx, m)),
  },
  {
    id: 'alert-for',
    kind: 'value',
    files: 'yaml',
    scope: 'value',
    path: new RegExp(`${RULE_PATH}\\.for$`),
    classes: ['threshold-widen', 'threshold-tighten', 'analysis-change'],
    matches: "an alerting rule's `for` (how long the expr must hold)",
    why: 'a longer `for` pages later; the factor is the ratio of the durations',
    measure: (leaf, _ctx, m) => [measureFor(`alert ${m?.[2]} for`, leaf.from, leaf.to)],
  },
  {
    id: 'alert-other',
    kind: 'value',
    files: 'yaml',
    scope: 'value',
    path: /^(?:spec\.)?groups(\[|$)/,
    classes: ['analysis-change'],
    matches: 'anything else in a rule file: recording rules, labels (severity), alerts added or removed',
    why: 'what pages whom: not a bound a policy can put a number on',
    measure: (leaf) => [describeChange('analysis-change', leaf.path, leaf.from, leaf.to)],
  },
];

function measureExpr(label: string, from: unknown, to: unknown, alert: boolean): Measured[] {
  if (!alert || typeof from !== 'string' || typeof to !== 'string') return [describeChange('analysis-change', label, from, to)];
  return compareConditions(label, 'failure', from, to);
}

function measureFor(label: string, from: unknown, to: unknown): Measured {
  const a = from === undefined ? 0 : typeof from === 'string' ? durationMs(from) : undefined;
  const b = to === undefined ? 0 : typeof to === 'string' ? durationMs(to) : undefined;
  if (a === undefined || b === undefined) return describeChange('analysis-change', label, from, to);
  return measureThreshold(`${label} (s)`, a / 1000, b / 1000, 'higher');
}

/** Whether the rule named in the path is an alerting rule (it has `alert`) after the change. */
function isAlert(ctx: ValueContext, m: RegExpExecArray | undefined): boolean {
  const doc = isRecord(ctx.after) && isRecord(ctx.after.spec) ? ctx.after.spec : ctx.after;
  const groups = isRecord(doc) && Array.isArray(doc.groups) ? doc.groups : [];
  const group = groups.find((g) => itemLabel(g) === m?.[1]);
  const rules = isRecord(group) && Array.isArray(group.rules) ? group.rules : [];
  return rules.some((r) => isRecord(r) && typeof r.alert === 'string' && itemLabel(r) === m?.[2]);
}

/** A rule's `for:` in ms (Prometheus's grammar), or undefined when it is not one. */
function durationMs(text: string): number | undefined {
  const checked = checkDuration(text, PROMETHEUS_DURATION);
  return checked.ok ? checked.ms : undefined;
}
