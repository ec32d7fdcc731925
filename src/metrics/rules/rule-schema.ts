import { z } from 'zod';
import { durationField, type DurationGrammar } from '../../config/duration-field.ts';
import { GO_DURATION_UNITS } from '../../util/go-duration.ts';
import { parseDurationLiteral } from '../promql/parse/literals.ts';

const DAY_NS = 86_400_000_000_000n;

/**
 * Prometheus's durations (model.ParseDuration): Go's grammar with d, w and y, restricted to whole
 * numbers with units from largest to smallest. A text no duration grammar reads gets Go's error,
 * as in every other file kind; one only Prometheus rejects ("1.5h") says why.
 */
export const PROMETHEUS_DURATION: DurationGrammar = {
  units: { ...GO_DURATION_UNITS, d: DAY_NS, w: 7n * DAY_NS, y: 365n * DAY_NS },
  restrict: (text) => (parseDurationLiteral(text) === undefined
    ? `not a Prometheus duration ${JSON.stringify(text)}: whole numbers with units from largest to smallest (y, w, d, h, m, s, ms), e.g. 1h30m`
    : undefined),
};

/**
 * Prometheus's rule-file format (groups of alerting and recording rules), strict: unknown keys
 * are errors, as `promtool check rules` reports them.
 */
const duration = durationField(PROMETHEUS_DURATION);

const labelMap = z.record(z.string(), z.string());

const alertRule = z.strictObject({
  alert: z.string().min(1, 'alert name must not be empty'),
  expr: z.string().min(1, 'expr must not be empty'),
  for: duration.optional(),
  keep_firing_for: duration.optional(),
  labels: labelMap.optional(),
  annotations: labelMap.optional(),
});

const recordRule = z.strictObject({
  record: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'record must be a valid metric name'),
  expr: z.string().min(1, 'expr must not be empty'),
  labels: labelMap.optional(),
});

export const ruleFileSchema = z.strictObject({
  groups: z.array(
    z.strictObject({
      name: z.string().min(1, 'group name must not be empty'),
      interval: duration.optional(),
      query_offset: duration.optional(),
      limit: z.number().int().nonnegative().optional(),
      labels: labelMap.optional(),
      rules: z.array(z.union([alertRule, recordRule])),
    }),
  ),
});

export type RuleFileInput = z.output<typeof ruleFileSchema>;
