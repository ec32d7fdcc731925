import { z } from 'zod';
import { durationSchema } from './duration-schema.ts';

/**
 * A Scenario: one deploy (bad, or a good control) against the testbed, with its ground truth.
 * The schema is the single source of truth for the file format: types are inferred from it and
 * scenarios/schema/scenario.schema.json is emitted from it for editors.
 */
const metadata = z
  .object({
    name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be lowercase letters, digits and dashes'),
    description: z.string().min(1),
    tags: z.array(z.string()).optional(),
  })
  .strict();

const fileChange = z.union([
  z.object({ file: z.string().min(1), content: z.string() }).strict(),
  z
    .object({
      file: z.string().min(1),
      edits: z.array(z.object({ find: z.string().min(1), replace: z.string() }).strict()).min(1),
    })
    .strict(),
  z.object({ file: z.string().min(1), delete: z.literal(true) }).strict(),
]);

export const FAULT_CLASSES = [
  'code-defect',
  'latency-regression',
  'retry-amplification',
  'config-error',
  'resource-exhaustion',
  'dependency-failure',
] as const;

export const FIX_CLASSES = ['revert', 'flag-off', 'config-restore', 'code-fix', 'scale-up'] as const;

const truth = z.discriminatedUnion('bad', [
  z
    .object({
      bad: z.literal(true),
      service: z.string().meta({ description: 'The faulty service (where the cause lives)' }),
      faultClass: z.enum(FAULT_CLASSES),
      cause: z.string().min(1).meta({ description: 'One sentence: what is wrong, as an RCA should say it' }),
      culprit: z
        .object({
          file: z.string(),
          contains: z.string().meta({ description: 'Text of the offending hunk (a substring of its added lines)' }),
        })
        .strict(),
      fixClasses: z.array(z.enum(FIX_CLASSES)).min(1),
      fix: z
        .object({
          class: z.enum(FIX_CLASSES),
          changes: z.array(fileChange).min(1).meta({ description: 'Edits to the deployed revision, as in deploy.changes' }),
        })
        .strict()
        .optional()
        .meta({ description: "The fix a perfect agent proposes (builtin:oracle at L3+); default: revert the deploy's changes" }),
      symptoms: z.array(z.string()).optional(),
    })
    .strict(),
  z.object({ bad: z.literal(false) }).strict(),
]);

const interference = z
  .object({
    service: z.string().meta({ description: 'The service the trouble hits (every version of it)' }),
    start: durationSchema.meta({ description: 'When it starts, after the deploy starts' }),
    duration: durationSchema,
    errorRatio: z.number().gt(0).lte(1).meta({ description: 'Share of the requests it starts that fail at once with a 503' }),
    message: z.string().min(1).meta({ description: 'The error those requests log and answer (e.g. "EIO: i/o error, write")' }),
    cause: z.string().min(1).meta({ description: 'What it models, for the reader (nothing in the run reads it)' }),
  })
  .strict();

const routeMix = z
  .object({ route: z.string().startsWith('/'), method: z.enum(['GET', 'POST']).default('GET'), weight: z.number().positive() })
  .strict();

export const scenarioSchema = z
  .object({
    apiVersion: z.literal('firedrill.dev/v1'),
    kind: z.literal('Scenario'),
    metadata,
    spec: z
      .object({
        testbed: z.string().default('testbed').meta({ description: 'Template repo folder, relative to the scenario file' }),
        slo: z
          .object({
            objective: z.number().gt(0).lt(100).meta({ description: 'Percent of user requests that must be good' }),
            latencyThreshold: durationSchema.meta({ description: 'A user request slower than this is bad' }),
            window: durationSchema.default('30d'),
          })
          .strict(),
        load: z
          .object({
            rate: z.number().positive().meta({ description: 'User requests per second (open model, k6 constant-arrival-rate)' }),
            maxInFlight: z.int().positive().default(1000).meta({ description: "k6's maxVUs: arrivals beyond it are dropped iterations" }),
            timeout: durationSchema.default('10s'),
            mix: z.array(routeMix).min(1),
          })
          .strict(),
        baseline: durationSchema.default('5m').meta({ description: 'Steady traffic before the deploy' }),
        duration: durationSchema.default('30m').meta({ description: 'Observation after the deploy starts' }),
        maxDuration: durationSchema.default('2h').meta({
          description: 'The run goes on past `duration` while an incident is still open (a human still working on it), up to this long after the deploy',
        }),
        interference: z.array(interference).default([]).meta({
          description: 'Trouble from outside the deploy (a noisy neighbour on a dependency\'s host) at given times: the deploy is not its cause',
        }),
        deploy: z
          .object({
            service: z.string(),
            message: z.string().min(1).meta({ description: 'The commit message of v2' }),
            author: z.string().default('Dev Eloper <dev@example.com>'),
            changes: z.array(fileChange).min(1),
          })
          .strict(),
        truth,
      })
      .strict(),
  })
  .strict();

export type ScenarioFile = z.output<typeof scenarioSchema>;
export type FileChange = z.output<typeof fileChange>;
export type ScenarioTruth = z.output<typeof truth>;

/** The ground truth on its own: result files carry it beside every run's scores. */
export const scenarioTruthSchema = truth;
