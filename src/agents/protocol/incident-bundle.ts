import { z } from 'zod';

/**
 * The incident bundle: what an agent gets when the first detection signal fires. Everything an
 * on-call engineer would have at hand (the signal and its measurements, the rollout, the change,
 * the topology, log excerpts, and how to reach the run's toolbox), never ground truth.
 * Times are drill milliseconds since the run's start (the toolbox's Prometheus API uses the same
 * clock, in seconds). Versioned: `schema` names the version; scenarios/schema/ has the JSON Schema.
 */
export const INCIDENT_BUNDLE_SCHEMA = 'firedrill.incident-bundle/v1';

const measurement = z
  .object({
    startedAt: z.number(),
    finishedAt: z.number().optional(),
    phase: z.string(),
    value: z.string().optional(),
    message: z.string().optional(),
  })
  .strict();

const analysisMetric = z
  .object({
    name: z.string(),
    phase: z.string(),
    provider: z.string().meta({ description: 'prometheus, web, job, ...' }),
    query: z.string().optional(),
    successCondition: z.string().optional(),
    failureCondition: z.string().optional(),
    measurements: z.array(measurement),
  })
  .strict();

export const detectionSchema = z
  .object({
    at: z.number(),
    kind: z.enum(['rollout-aborted', 'rollout-paused', 'page']),
    summary: z.string(),
    alert: z
      .object({ name: z.string(), labels: z.record(z.string(), z.string()), annotations: z.record(z.string(), z.string()) })
      .strict()
      .optional(),
    analysisRun: z
      .object({ name: z.string(), phase: z.string(), message: z.string().optional(), metrics: z.array(analysisMetric) })
      .strict()
      .optional(),
  })
  .strict();

const rollout = z
  .object({
    name: z.string(),
    service: z.string(),
    phase: z.string(),
    message: z.string().optional(),
    aborted: z.boolean(),
    stableCommit: z.string(),
    canaryCommit: z.string().optional(),
    canaryWeight: z.number(),
    step: z.object({ index: z.int(), count: z.int() }).strict().optional(),
  })
  .strict();

const changedFile = z
  .object({ path: z.string(), status: z.enum(['added', 'modified', 'deleted', 'renamed']), additions: z.int(), deletions: z.int() })
  .strict();

const change = z
  .object({
    service: z.string().meta({ description: 'The service whose deploy this is' }),
    commit: z.string(),
    parentCommit: z.string(),
    message: z.string(),
    author: z.string(),
    deployedAt: z.number(),
    diff: z.string().meta({ description: '`git diff parent commit`, unified' }),
    files: z.array(changedFile),
  })
  .strict();

const dependency = z
  .object({ service: z.string(), timeoutMs: z.number().optional(), retries: z.int().optional(), backoffMs: z.number().optional() })
  .strict();

const topology = z
  .object({
    entry: z.string().meta({ description: 'Where user requests arrive' }),
    services: z.array(z.object({ name: z.string(), replicas: z.int(), dependencies: z.array(dependency) }).strict()),
  })
  .strict();

export const logGroupSchema = z
  .object({
    service: z.string(),
    version: z.enum(['stable', 'canary']),
    level: z.string(),
    message: z.string(),
    count: z.int(),
    firstAt: z.number(),
    lastAt: z.number(),
    example: z.record(z.string(), z.unknown()).optional().meta({ description: 'The fields of the latest line' }),
  })
  .strict();

const tool = z.object({ name: z.string(), description: z.string() }).strict();

export const incidentBundleSchema = z
  .object({
    schema: z.literal(INCIDENT_BUNDLE_SCHEMA),
    task: z.enum(['diagnose', 'diagnose-and-fix']).meta({ description: 'L2: a diagnosis; L3 and above: a diagnosis and a fix proposal (a patch)' }),
    constraints: z
      .object({
        forbiddenPaths: z.array(z.string()).meta({ description: 'Paths (globs) a fix may not touch' }),
        maxPatchBytes: z.int(),
      })
      .strict()
      .optional(),
    detection: detectionSchema,
    rollout: rollout.optional(),
    change,
    topology,
    slo: z.object({ objective: z.number(), latencyThresholdMs: z.number() }).strict(),
    logs: z.array(logGroupSchema).meta({ description: 'Log lines since the deploy, grouped by service, version, level and message, most frequent first' }),
    toolbox: z
      .object({
        url: z.string().meta({ description: 'HTTP JSON tools and the Prometheus API (/api/v1/...), on 127.0.0.1' }),
        mcpUrl: z.string().meta({ description: 'The same tools over MCP (streamable HTTP)' }),
        token: z.string().meta({ description: 'Send as `Authorization: Bearer <token>`' }),
        tools: z.array(tool),
      })
      .strict(),
    budget: z
      .object({ toolCalls: z.int().optional(), wallMs: z.number().optional(), tokens: z.int().optional() })
      .strict(),
  })
  .strict();

export type IncidentBundle = z.output<typeof incidentBundleSchema>;
export type Detection = z.output<typeof detectionSchema>;
export type LogGroup = z.output<typeof logGroupSchema>;
export type Topology = IncidentBundle['topology'];
