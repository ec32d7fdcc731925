import { z } from 'zod';
import { scenarioTruthSchema } from '../scenario/scenario-schema.ts';
import { FLAG_STATS, OPS, VALUE_STATS } from '../scenario/parse-expectation.ts';
import type { Scorecard } from '../scoring/scorecard.ts';
import { SUITE_RESULT_SCHEMA, type SuiteResult } from './suite-result.ts';

/**
 * The output files' formats, for their JSON Schemas (scenarios/schema/run-result.schema.json,
 * suite-result.schema.json) and for reading a suite.json back (`compare`, `baseline save`). A
 * scorecard may carry parts beyond these (later levels add them): they are allowed.
 * The drift guards at the bottom keep these schemas and the TypeScript types together.
 */
const ms = z.number().meta({ description: 'Milliseconds from the deploy\'s start' });
const maybeMs = ms.nullable().meta({ description: 'Milliseconds from the deploy\'s start; null: never happened in the run' });

const diagnosisSchema = z.looseObject({
  agent: z.string(),
  status: z.enum(['answered', 'failed', 'not-triggered']),
  quality: z.enum(['exact', 'partial', 'wrong', 'none', 'n/a']),
  score: z.number().nullable(),
  timeToDiagnosisMs: maybeMs,
  afterDetectionMs: z.number().nullable(),
  toolCalls: z.number(),
  budgetExceeded: z.boolean(),
  replayed: z.boolean(),
});

const criterion = z.object({ ok: z.boolean(), reason: z.string().optional() });

/** L3's fix and L4's gate: the fields reports and expectations read; the rest passes through. */
const fixSchema = z.looseObject({
  proposed: z.boolean(),
  autoApplied: z.boolean(),
  correct: z.boolean(),
  criteria: z.object({ applied: criterion, testsPassed: criterion, canaryPromoted: criterion, usersWithinSlo: criterion }),
  reasons: z.array(z.string()),
  scope: z.looseObject({ files: z.number(), lines: z.number(), culpritFileTouched: z.boolean().nullable() }).nullable(),
  fixClasses: z.array(z.string()),
  classAccepted: z.boolean().nullable(),
  timeToMergeMs: maybeMs,
  fdrtWithFixMs: maybeMs,
  redeploy: z.looseObject({ servedRequests: z.number(), badRequests: z.number(), share: z.number() }).nullable(),
  gate: z
    .looseObject({
      verdict: z.enum(['allow', 'deny', 'refused']),
      rule: z.string(),
      engine: z.string().nullable(),
      outcome: z.enum(['safe-allowed', 'safe-blocked', 'unsafe-blocked', 'unsafe-allowed']),
      madeWorse: z.boolean(),
    })
    .nullable(),
});

/** The parts every report has a section of its own for; any other part is shown generically. */
export const coreScorecardSchema = z.looseObject({
  verdict: z.enum(['pass', 'fail']),
  reasons: z.array(z.string()),
  bad: z.boolean(),
  detected: z.boolean(),
  detection: z
    .object({
      by: z.string(),
      signal: z.string(),
      ttdMs: ms,
      breakdown: z.object({ exposureMs: z.number(), scrapeLagMs: z.number(), analysisWaitMs: z.number(), reactionMs: z.number() }).nullable(),
    })
    .nullable(),
  impactStartMs: maybeMs,
  fdrtMs: maybeMs.meta({ description: "DORA's Failed Deployment Recovery Time; null: users never got back within SLO in the run" }),
  fdrtNote: z.string(),
  rollback: z.object({ by: z.string(), atMs: ms }).nullable(),
  falseRollback: z.boolean(),
  pages: z.number(),
  falsePage: z.boolean(),
  blastRadius: z.object({
    badRequests: z.number(),
    failed: z.number(),
    slow: z.number(),
    dropped: z.number(),
    totalRequests: z.number(),
    share: z.number(),
    canaryServed: z.number(),
    errorBudgetBurnedPercent: z.number(),
  }),
  steadyState: z.object({ before: z.boolean(), after: z.boolean() }),
  diagnosis: diagnosisSchema.nullable(),
});

export const scorecardSchema = coreScorecardSchema.extend({
  fix: fixSchema.nullable().meta({ description: 'L3 and above: the fix PR and its proof by redeploy; L4: the policy gate (gate); null below L3' }),
});

/** result.json: one run's identity (scenario with its ground truth, stack, backend, seed, commits) and scores. */
export const runResultFileSchema = z.object({
  schema: z.literal('firedrill.run/v1'),
  scenario: z.object({
    name: z.string(),
    description: z.string(),
    slo: z.object({ objective: z.number(), latencyThresholdMs: z.number(), windowMs: z.number() }),
    load: z.object({ rate: z.number() }),
    baselineMs: z.number(),
    durationMs: z.number(),
    deploy: z.object({ service: z.string(), message: z.string() }),
    truth: scenarioTruthSchema,
  }),
  stack: z.object({ name: z.string(), level: z.string(), scrapeIntervalMs: z.number(), agent: z.string().optional() }),
  backend: z.string(),
  world: z.object({ timeScale: z.number(), metrics: z.string(), load: z.string() }).optional(),
  seed: z.number(),
  agentMode: z.enum(['record', 'replay']).optional(),
  workspace: z.object({ v1: z.string(), v2: z.string(), diff: z.string() }),
  fix: z
    .object({ branch: z.string(), commit: z.string(), pr: z.string().meta({ description: "The PR's file beside result.json (pr.md)" }), github: z.object({ number: z.number(), url: z.string() }).optional() })
    .optional()
    .meta({ description: "L3+: the fix branch and commit; the PR's text is in the file pr names" }),
  audit: z.string().optional().meta({ description: "L4: the policy audit log's file beside result.json (audit.jsonl)" }),
  scorecard: scorecardSchema,
});

const runKey = { scenario: z.string(), stack: z.string(), seed: z.number() };
const groupSchema = z.object({
  scenario: z.string().optional(),
  stack: z.string().optional(),
  runs: z.number(),
  value: z.number().nullable(),
  shown: z.string(),
  pass: z.boolean(),
  offenders: z.array(z.object(runKey)),
});
const levelSchema = z.enum(['L0', 'L1', 'L2', 'L3', 'L4']);
const tierSchema = z.enum(['elite', 'high', 'medium', 'low']);

const shardSchema = z
  .object({
    index: z.number(),
    count: z.number(),
    keys: z.array(z.object(runKey)),
    plan: z.object({
      id: z.string(),
      planned: z.number(),
      keys: z.array(z.object(runKey)),
      expectations: z.array(
        z.object({
          id: z.string(),
          metric: z.string(),
          stat: z.enum([...FLAG_STATS, ...VALUE_STATS]),
          op: z.enum(OPS),
          threshold: z.number(),
          condition: z.string(),
          kind: z.enum(['flag', 'time', 'share', 'number', 'auto']),
          per: z.enum(['cell', 'stack', 'scenario', 'suite']),
          where: z.object({ scenarios: z.array(z.string()).optional(), stacks: z.array(z.string()).optional(), levels: z.array(z.string()).optional() }),
        }),
      ),
    }),
  })
  .meta({ description: 'Only in a shard\'s result (--shard i/n): which shard, its keys, and the whole plan `firedrill merge` rebuilds the suite from' });

/** suite.json: every run's scores in key order, the expectations and maturity, the ground truth per scenario. */
export const suiteResultSchema = z.object({
  schema: z.literal(SUITE_RESULT_SCHEMA),
  name: z.string(),
  description: z.string(),
  backend: z.string(),
  verdict: z.enum(['pass', 'fail']),
  planned: z.number(),
  shard: shardSchema.optional(),
  scenarios: z.array(z.object({ name: z.string(), description: z.string(), truth: scenarioTruthSchema })),
  stacks: z.array(z.object({ name: z.string(), level: z.string(), agent: z.string().optional() })),
  expectations: z.array(
    z.object({
      id: z.string(),
      metric: z.string(),
      condition: z.string(),
      per: z.enum(['cell', 'stack', 'scenario', 'suite']),
      where: z.object({ scenarios: z.array(z.string()).optional(), stacks: z.array(z.string()).optional(), levels: z.array(z.string()).optional() }),
      pass: z.boolean(),
      note: z.string().optional(),
      groups: z.array(groupSchema),
    }),
  ),
  maturity: z.array(
    z.object({
      stack: z.string(),
      declared: z.string(),
      reached: z.union([levelSchema, z.enum(['none', 'n/a'])]),
      checks: z.array(z.object({ level: levelSchema, criterion: z.string(), holds: z.boolean(), numbers: z.string() })),
      dora: z.object({
        fdrtMedianMs: z.number().nullable(),
        fdrtTier: tierSchema.nullable(),
        changeFailureRate: z.number(),
        cfrTier: tierSchema,
        tier: tierSchema,
        deploys: z.number(),
        failedChanges: z.number(),
      }),
      badDeploys: z.number(),
      controls: z.number(),
    }),
  ),
  runs: z.array(z.object({ ...runKey, dir: z.string(), scorecard: scorecardSchema })),
});

// Drift guards: what the schemas read must be a whole Scorecard and SuiteResult, so a field added
// to either type fails to compile until the schema (and so the JSON Schema) describes it too.
const _scorecardFits = (s: z.output<typeof scorecardSchema>): Scorecard => s;
const _suiteFits = (s: z.output<typeof suiteResultSchema>): SuiteResult => s;
void _scorecardFits;
void _suiteFits;
