import { z } from 'zod';
import { STACK_LEVELS } from './stack-schema.ts';
import { parseExpectation } from './parse-expectation.ts';

export const EXPECTATION_GROUPS = ['cell', 'stack', 'scenario', 'suite'] as const;

const condition = z.string().min(1).meta({ description: 'STAT OP VALUE, e.g. "p90 < 5m", "rate == 1", "count == 0", "max < 1%"' });

/**
 * A block of expectations: which runs it covers (filters), how they are grouped (per scenario x
 * stack cell by default), and the thresholds, k6's `metric: [conditions]` shape.
 */
export const expectationBlockSchema = z
  .object({
    name: z.string().min(1).optional().meta({ description: 'Shown beside each of the block\'s expectations' }),
    scenarios: z.array(z.string().min(1)).min(1).optional().meta({ description: 'Only runs of these scenarios (by name)' }),
    stacks: z.array(z.string().min(1)).min(1).optional().meta({ description: 'Only runs on these stacks (by name)' }),
    levels: z.array(z.enum(STACK_LEVELS)).min(1).optional().meta({ description: 'Only runs on stacks of these CARM levels' }),
    per: z.enum(EXPECTATION_GROUPS).default('cell').meta({ description: 'What a statistic is taken over: each scenario x stack cell (default), each stack, each scenario, or the whole suite' }),
    expect: z
      .record(z.string(), z.union([condition, z.array(condition).min(1)]))
      .superRefine((expect, ctx) => {
        for (const [metric, value] of Object.entries(expect)) {
          const conditions = Array.isArray(value) ? value : [value];
          conditions.forEach((c, i) => {
            const parsed = parseExpectation(metric, c);
            if (!parsed.ok) ctx.addIssue({ code: 'custom', path: Array.isArray(value) ? [metric, i] : [metric], message: parsed.message, params: { hint: parsed.hint } });
          });
        }
      })
      .meta({ description: 'metric: condition (or a list of conditions), e.g. `fdrt: p90 < 5m`, `detected: rate == 1`' }),
  })
  .strict();

export type ExpectationBlock = z.output<typeof expectationBlockSchema>;
