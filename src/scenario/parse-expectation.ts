import { checkDuration } from '../config/duration-field.ts';
import { mustBeOneOf } from '../config/one-of.ts';
import { FIREDRILL_DURATION } from './duration-schema.ts';
import { EXPECTATION_METRICS, isKnownMetric, SCORECARD_PATH, type MetricKind } from './expectation-metrics.ts';

/**
 * One threshold, k6's idea: `fdrt: p90 < 5m` is the metric `fdrt`, the statistic p90 over the
 * group's runs, compared with 5 minutes. Rates and shares take `90%` or `0.9`; times take Go
 * durations; counts take whole numbers.
 */
export interface Expectation {
  metric: string;
  stat: Stat;
  op: Op;
  /** Milliseconds for times, 0..1 for rates and shares, else the number as written. */
  threshold: number;
  /** The condition as written: `p90 < 5m`. */
  condition: string;
  /** `auto` for a scorecard path outside the table: flag or number, decided by the values. */
  kind: MetricKind | 'auto';
}

export const FLAG_STATS = ['rate', 'count'] as const;
export const VALUE_STATS = ['p50', 'p90', 'p95', 'p99', 'median', 'min', 'max', 'mean', 'sum'] as const;
export const OPS = ['<', '<=', '>', '>=', '==', '!='] as const;
export type Stat = (typeof FLAG_STATS)[number] | (typeof VALUE_STATS)[number];
export type Op = (typeof OPS)[number];

export type ParsedExpectation = { ok: true; value: Expectation } | { ok: false; message: string; hint: string };

const CONDITION = /^\s*([a-z0-9]+)\s*(<=|>=|==|!=|<|>)\s*(\S+)\s*$/;

export function parseExpectation(metric: string, condition: string): ParsedExpectation {
  const kind = isKnownMetric(metric) ? EXPECTATION_METRICS[metric].kind : SCORECARD_PATH.test(metric) ? 'auto' : undefined;
  if (!kind) {
    return { ok: false, message: `unknown metric "${metric}"`, hint: `a metric ${mustBeOneOf(Object.keys(EXPECTATION_METRICS))}, or a dotted scorecard path such as fix.correct` };
  }
  const m = CONDITION.exec(condition);
  if (!m) return { ok: false, message: `cannot read the condition "${condition}"`, hint: 'write STAT OP VALUE, e.g. "p90 < 5m", "rate == 1", "count == 0", "max < 1%"' };
  const [, stat, op, text] = m;
  const stats: readonly string[] = kind === 'flag' ? FLAG_STATS : kind === 'auto' ? [...FLAG_STATS, ...VALUE_STATS] : VALUE_STATS.filter((s) => s !== 'sum' || kind === 'number');
  if (!stats.includes(stat)) {
    return { ok: false, message: `"${stat}" does not apply to ${metric} (${kind === 'flag' ? 'a yes/no score' : `a ${kind}`})`, hint: `a statistic ${mustBeOneOf(stats)}` };
  }
  const threshold = readThreshold(text, stat, kind);
  if (typeof threshold === 'string') return { ok: false, message: `"${text}": ${threshold}`, hint: thresholdHint(stat, kind) };
  return { ok: true, value: { metric, stat: stat as Stat, op: op as Op, threshold, condition: `${stat} ${op} ${text}`, kind } };
}

/** The threshold's value in the metric's unit, or why it cannot be one. */
function readThreshold(text: string, stat: string, kind: MetricKind | 'auto'): number | string {
  const percent = /^(-?\d+(?:\.\d+)?)%$/.exec(text);
  const number = /^-?\d+(?:\.\d+)?$/.test(text) ? Number(text) : undefined;
  if (stat === 'count') return number !== undefined && Number.isInteger(number) && number >= 0 ? number : 'a count is a whole number';
  if (stat === 'rate' || kind === 'share') {
    const share = percent ? Number(percent[1]) / 100 : number;
    return share !== undefined && share >= 0 && share <= 1 ? share : 'a rate or share is 0-100% or 0-1';
  }
  if (kind === 'time' || (kind === 'auto' && number === undefined && !percent)) {
    if (text === '0') return 0;
    const d = checkDuration(text, FIREDRILL_DURATION);
    return d.ok ? d.ms : `not a duration: ${d.message}`;
  }
  if (percent) return Number(percent[1]) / 100;
  return number ?? 'not a number';
}

function thresholdHint(stat: string, kind: MetricKind | 'auto'): string {
  if (stat === 'count') return 'e.g. "count == 0"';
  if (stat === 'rate' || kind === 'share') return 'e.g. "rate >= 90%" or "max < 0.01"';
  if (kind === 'time') return 'a duration such as 90s, 5m or 1h30m';
  return 'a number';
}
