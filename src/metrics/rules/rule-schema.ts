import { z } from 'zod';
import { parseDurationLiteral } from '../promql/parse/literals.ts';

/**
 * Prometheus's rule-file format (groups of alerting and recording rules), strict: unknown keys
 * are errors, as `promtool check rules` reports them.
 */
const duration = z.string().refine((s) => parseDurationLiteral(s) !== undefined, {
  message: 'expected a Prometheus duration such as 30s, 5m or 1h30m',
});

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
