import { z } from 'zod';
import { durationSchema } from './duration-schema.ts';

/**
 * A Stack: the remediation stack at one CARM level. L0 is the pager plus a seeded on-call model;
 * L1 adds real Argo Rollouts manifests. Higher levels add agents and policy (later issues).
 */
const humanTime = z
  .object({
    median: durationSchema,
    p90: durationSchema,
  })
  .strict()
  .meta({ description: 'A log-normal human time given by its median and 90th percentile' });

const burnWindow = z
  .object({
    long: durationSchema,
    short: durationSchema,
    factor: z.number().positive().meta({ description: 'Burn-rate threshold (1 = spending exactly the budget)' }),
  })
  .strict();

export const stackSchema = z
  .object({
    apiVersion: z.literal('firedrill.dev/v1'),
    kind: z.literal('Stack'),
    metadata: z
      .object({ name: z.string().min(1), description: z.string().min(1) })
      .strict(),
    spec: z
      .object({
        level: z.enum(['L0', 'L1']).meta({ description: 'CARM level (L2-L4 arrive with agents and policy)' }),
        pager: z
          .object({
            evaluationInterval: durationSchema.default('30s'),
            burnRateWindows: z.array(burnWindow).min(1).optional().meta({
              description: 'Multi-window burn-rate alert (SRE Workbook ch. 5). Default: 14.4x over 1h/5m and 6x over 6h/30m',
            }),
            alertRules: z.string().optional().meta({ description: 'A Prometheus rule file (relative to the stack file) that replaces the default pager' }),
          })
          .strict()
          .default({ evaluationInterval: '30s' }),
        oncall: z
          .object({
            ack: humanTime,
            investigate: humanTime,
            rollback: humanTime,
            sources: z.array(z.string()).min(1).meta({ description: 'Where the default times come from' }),
          })
          .strict(),
        rollingUpdate: z
          .object({
            steps: z.int().min(1).max(100).default(4),
            interval: durationSchema.default('30s'),
          })
          .strict()
          .default({ steps: 4, interval: '30s' })
          .meta({ description: 'How an L0 deploy replaces pods: Kubernetes RollingUpdate (maxSurge 25% is 4 steps), one step per pod-ready interval' }),
        monitoring: z
          .object({ scrapeInterval: durationSchema.default('15s') })
          .strict()
          .default({ scrapeInterval: '15s' }),
        rollout: z
          .object({
            manifests: z.array(z.string()).min(1).meta({ description: 'Argo Rollouts YAML files, relative to the stack file' }),
          })
          .strict()
          .optional(),
      })
      .strict(),
  })
  .strict();

export type StackFile = z.output<typeof stackSchema>;
