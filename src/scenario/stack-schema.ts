import { z } from 'zod';
import { durationSchema } from './duration-schema.ts';

/**
 * A Stack: the remediation stack at one CARM level. L0 is the pager plus a seeded on-call model;
 * L1 adds real Argo Rollouts manifests; L2 adds a diagnosis agent; L3 its fix PRs; L4 a policy
 * gate. A stack may `extend` another (a file path): its spec is laid over the base's, so an
 * agent section composes onto any L1 stack.
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

export const STACK_LEVELS = ['L0', 'L1', 'L2', 'L3', 'L4'] as const;

/** An agent as the stack names it: `builtin:<name>`, `command:<program and args>`, `webhook:<url>`, `openai:<model>`, `holmes`, `k8sgpt`. */
export const AGENT_ID = /^(builtin:[a-z0-9-]+|command:\S.*|webhook:https?:\/\/\S+|openai:\S+|holmes|k8sgpt)$/;

const pager = z
  .object({
    evaluationInterval: durationSchema.default('30s'),
    burnRateWindows: z.array(burnWindow).min(1).optional().meta({
      description: 'Multi-window burn-rate alert (SRE Workbook ch. 5). Default: 14.4x over 1h/5m and 6x over 6h/30m',
    }),
    alertRules: z.string().optional().meta({ description: 'A Prometheus rule file (relative to the stack file) that replaces the default pager' }),
  })
  .strict();

const diagnosisFactors = z
  .object({
    exact: z.number().positive(),
    partial: z.number().positive(),
    wrong: z.number().positive(),
    none: z.number().positive(),
    sources: z.array(z.string()).min(1).meta({ description: 'Where the factors come from (or that they are assumptions)' }),
  })
  .strict()
  .meta({ description: "How a diagnosis changes the on-call human's investigation time: a factor per diagnosis quality" });

const oncall = z
  .object({
    ack: humanTime,
    investigate: humanTime,
    rollback: humanTime,
    sources: z.array(z.string()).min(1).meta({ description: 'Where the default times come from' }),
    diagnosis: diagnosisFactors.optional(),
  })
  .strict();

const rollingUpdate = z
  .object({
    steps: z.int().min(1).max(100).default(4),
    interval: durationSchema.default('30s'),
  })
  .strict();

const monitoring = z.object({ scrapeInterval: durationSchema.default('15s') }).strict();

const rollout = z
  .object({
    manifests: z.array(z.string()).min(1).meta({ description: 'Argo Rollouts YAML files, relative to the stack file' }),
  })
  .strict();

const agent = z
  .object({
    use: z.string().regex(AGENT_ID, 'must be builtin:<name>, command:<program>, webhook:<url>, openai:<model>, holmes or k8sgpt').meta({
      description: 'The agent: builtin:heuristic|oracle|noop, command:<program and args>, webhook:<url>, openai:<model>, holmes, k8sgpt (cluster backends only)',
    }),
    time: z
      .union([z.literal('measured'), z.object({ modeled: humanTime, sources: z.array(z.string()).min(1).optional() }).strict()])
      .default({ modeled: { median: '90s', p90: '4m' } })
      .meta({ description: "What the agent's work costs in drill time: its measured wall time, or a seeded log-normal draw" }),
    timeout: durationSchema.default('10m').meta({ description: 'Wall time after which the agent is cut off' }),
    budget: z
      .object({
        toolCalls: z.int().positive().optional(),
        wallTime: durationSchema.optional(),
        tokens: z.int().positive().optional(),
      })
      .strict()
      .default({})
      .meta({ description: 'What the agent may spend; past it, it is cut off and the run goes on as the level below would' }),
    options: z.record(z.string(), z.unknown()).default({}).meta({ description: 'Adapter options (e.g. baseUrl, model, apiKeyEnv for openai:; filters, timeout, explain for k8sgpt)' }),
  })
  .strict();

const review = z
  .object({
    checks: humanTime.meta({ description: "CI running the repo's tests on the PR (drill time charged for the sandboxed run)" }),
    review: humanTime.meta({ description: 'From PR opened (checks green) to an approving review' }),
    merge: humanTime.meta({ description: 'From approval to merged (and the redeploy started)' }),
    sources: z.array(z.string()).min(1),
  })
  .strict()
  .meta({ description: 'L3+: how long a fix PR waits for CI and a human reviewer' });

const pr = z
  .object({
    forbiddenPaths: z.array(z.string()).optional().meta({ description: 'Globs a fix may never touch (default: CI config and the policy folder)' }),
    maxPatchBytes: z.int().positive().optional(),
    github: z
      .object({
        repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'owner/name'),
        baseUrl: z.string().optional().meta({ description: 'GitHub Enterprise API URL (default https://api.github.com)' }),
        tokenEnv: z.string().default('GITHUB_TOKEN'),
        base: z.string().default('main'),
      })
      .strict()
      .optional()
      .meta({ description: 'Also open the PR on GitHub (Octokit) when the token variable is set' }),
  })
  .strict();

const policy = z
  .object({
    engine: z.enum(['casbin', 'opa', 'opa-eval']).default('casbin'),
    dir: z.string().optional().meta({ description: 'Folder with autoapply.model.conf, autoapply.policy.csv and autoapply.rego (default: the built-in policy)' }),
  })
  .strict()
  .meta({ description: 'L4: the gate deciding which fixes apply without a human' });

const specShape = {
  extends: z.string().optional().meta({ description: 'A stack file (relative to this one) whose spec this one is laid over' }),
  level: z.enum(STACK_LEVELS).meta({ description: 'CARM level: L0 manual, L1 rollback, L2 + diagnosis, L3 + fix PR, L4 policy-gated' }),
  pager: pager.default({ evaluationInterval: '30s' }),
  oncall,
  rollingUpdate: rollingUpdate
    .default({ steps: 4, interval: '30s' })
    .meta({ description: 'How an L0 deploy replaces pods: Kubernetes RollingUpdate (maxSurge 25% is 4 steps), one step per pod-ready interval' }),
  monitoring: monitoring.default({ scrapeInterval: '15s' }),
  rollout: rollout.optional(),
  agent: agent.optional(),
  review: review.optional(),
  pr: pr.optional(),
  policy: policy.optional(),
};

const metadata = z.object({ name: z.string().min(1), description: z.string().min(1) }).strict();

export const stackSchema = z
  .object({
    apiVersion: z.literal('firedrill.dev/v1'),
    kind: z.literal('Stack'),
    metadata,
    spec: z.object(specShape).strict(),
  })
  .strict();

/**
 * What a stack that `extends` another may write: every part optional, each part's own keys
 * optional too (an overlay of `oncall.diagnosis` alone is fine); the merged stack is then
 * checked with the full schema.
 */
export const stackOverlaySchema = z
  .object({
    apiVersion: z.literal('firedrill.dev/v1'),
    kind: z.literal('Stack'),
    metadata,
    spec: z
      .object({
        ...specShape,
        extends: z.string(),
        level: specShape.level.optional(),
        pager: pager.partial().optional(),
        oncall: oncall.partial().optional(),
        rollingUpdate: rollingUpdate.partial().optional(),
        monitoring: monitoring.partial().optional(),
        agent: agent.partial().optional(),
        review: review.partial().optional(),
        pr: pr.partial().optional(),
        policy: policy.partial().optional(),
      })
      .strict(),
  })
  .strict();

export type StackFile = z.output<typeof stackSchema>;
