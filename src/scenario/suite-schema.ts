import { z } from 'zod';
import { expectationBlockSchema } from './expectations-schema.ts';

/**
 * A Suite: scenarios x stacks x seeds, run together (a nightly gate, a benchmark report).
 * Scenario and stack entries are built-in names or paths relative to the suite file.
 */
export const suiteSchema = z
  .object({
    apiVersion: z.literal('firedrill.dev/v1'),
    kind: z.literal('Suite'),
    metadata: z.object({ name: z.string().min(1), description: z.string().min(1) }).strict(),
    spec: z
      .object({
        runs: z
          .array(
            z
              .object({
                scenarios: z.array(z.string().min(1)).min(1),
                stacks: z.array(z.string().min(1)).min(1),
                seed: z.int().nonnegative().default(1),
                repeat: z.int().positive().default(1).meta({ description: 'Runs per scenario and stack, with seeds seed, seed+1, ...' }),
              })
              .strict(),
          )
          .min(1),
        expectations: z
          .array(expectationBlockSchema)
          .optional()
          .meta({ description: 'Thresholds that decide the suite\'s verdict and exit code; without any, every run must pass its own verdict' }),
      })
      .strict(),
  })
  .strict();

export type SuiteFile = z.output<typeof suiteSchema>;
