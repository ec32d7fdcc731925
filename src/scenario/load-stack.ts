import { access, readFile } from 'node:fs/promises';
import { loadRuleFile } from '../metrics/rules/rule-file.ts';
import { ConfigError } from '../util/errors.ts';
import { dirname, resolve } from 'node:path';
import { validateWithSchema } from '../config/validate-with-schema.ts';
import { toMs } from './duration-schema.ts';
import { IssueList, UNKNOWN_KEY_HINT } from './load-config-file.ts';
import { readStackLayers } from './read-stack-layers.ts';
import { STACK_LEVELS, stackSchema } from './stack-schema.ts';

/** A log-normal human time: median and the sigma that puts p90 where the stack file says. */
export interface HumanTime {
  medianMs: number;
  sigma: number;
}

export interface BurnWindow {
  longMs: number;
  shortMs: number;
  factor: number;
}

export type StackLevel = (typeof STACK_LEVELS)[number];

/** Investigation time factors per diagnosis quality, and where they come from. */
export interface DiagnosisFactorsSpec {
  exact: number;
  partial: number;
  wrong: number;
  none: number;
  sources: string[];
}

/** The stack's agent (L2 and above). */
export interface AgentSpec {
  /** `builtin:heuristic`, `command:...`, `webhook:...`, `openai:...`, `holmes`, `k8sgpt`. */
  use: string;
  /** Drill time the agent's work costs: its measured wall time, or a seeded draw. */
  time: { kind: 'measured' } | { kind: 'modeled'; draw: HumanTime; sources?: string[] };
  timeoutMs: number;
  budget: { toolCalls?: number; wallMs?: number; tokens?: number };
  options: Record<string, unknown>;
}

/** L3+: the fix PR's CI, reviewer and merge times. */
export interface ReviewSpec {
  checks: HumanTime;
  review: HumanTime;
  merge: HumanTime;
  sources: string[];
}

/** L3+: what a fix may touch, and where the PR also goes. */
export interface PrSpec {
  forbiddenPaths?: string[];
  maxPatchBytes?: number;
  github?: { repository: string; baseUrl?: string; tokenEnv: string; base: string };
}

/** L4: the policy gate. */
export interface PolicySpec {
  engine: 'casbin' | 'opa' | 'opa-eval';
  dir?: string;
}

/** A validated stack with durations in ms and file paths resolved. */
export interface Stack {
  file: string;
  /** The stack files this one extends, base first. */
  extends: string[];
  name: string;
  description: string;
  level: StackLevel;
  pager: { evaluationIntervalMs: number; burnRateWindows: BurnWindow[]; alertRulesFile?: string };
  oncall: { ack: HumanTime; investigate: HumanTime; rollback: HumanTime; sources: string[]; diagnosis?: DiagnosisFactorsSpec };
  agent?: AgentSpec;
  review?: ReviewSpec;
  pr?: PrSpec;
  policy?: PolicySpec;
  scrapeIntervalMs: number;
  rollingUpdate: { steps: number; intervalMs: number };
  rolloutManifests: string[];
}

/** SRE Workbook, ch. 5 "Alerting on SLOs", table 5-8: the two paging windows. */
export const DEFAULT_BURN_WINDOWS: BurnWindow[] = [
  { longMs: 3_600_000, shortMs: 300_000, factor: 14.4 },
  { longMs: 21_600_000, shortMs: 1_800_000, factor: 6 },
];

const Z90 = 1.2815515655446004;

export async function loadStack(file: string): Promise<Stack> {
  const layers = await readStackLayers(file);
  const source = layers.source;
  const validated = validateWithSchema(source, stackSchema, { unknownKeyHint: UNKNOWN_KEY_HINT });
  if (!validated.value) throw new ConfigError(validated.issues, 'see scenarios/schema/ for the file format');
  const value = validated.value;
  const s = value.spec;
  // Paths in a base stack were already made absolute (relative to the file that wrote them).
  const dir = dirname(file);
  const issues = new IssueList(source);
  const at = issues.addAt.bind(issues);

  const humanTimeOf = (path: (string | number)[], t: { median: string; p90: string }): HumanTime => {
    const median = toMs(t.median);
    const p90 = toMs(t.p90);
    if (p90 < median) at([...path, 'p90'], `p90 (${t.p90}) is below the median (${t.median})`);
    return { medianMs: median, sigma: p90 > median && median > 0 ? Math.log(p90 / median) / Z90 : 0 };
  };
  const human = (key: 'ack' | 'investigate' | 'rollback'): HumanTime => humanTimeOf(['spec', 'oncall', key], s.oncall[key]);
  const oncall = { ack: human('ack'), investigate: human('investigate'), rollback: human('rollback'), sources: s.oncall.sources, ...(s.oncall.diagnosis ? { diagnosis: s.oncall.diagnosis } : {}) };
  const level = STACK_LEVELS.indexOf(s.level);
  const baseLevel = layers.baseLevel === undefined ? -1 : STACK_LEVELS.indexOf(layers.baseLevel as (typeof STACK_LEVELS)[number]);
  if (baseLevel > level) at(['spec', 'level'], `level ${s.level} is below the level of the stack it extends (${layers.baseLevel})`);
  if (level >= 2 && !s.agent) at(['spec', 'level'], `an ${s.level} stack needs spec.agent (the diagnosis agent)`, 'e.g. agent: { use: builtin:heuristic }');
  if (level < 2 && s.agent) at(['spec', 'agent'], `an agent acts at level L2 and above (this stack is ${s.level})`, 'set level: L2');
  if (level >= 3 && !s.review) at(['spec', 'level'], `an ${s.level} stack needs spec.review (CI, reviewer and merge times for fix PRs)`);
  if (level >= 4 && !s.policy) at(['spec', 'level'], 'an L4 stack needs spec.policy (the engine that gates auto-apply)');
  const review = s.review ? {
    checks: humanTimeOf(['spec', 'review', 'checks'], s.review.checks),
    review: humanTimeOf(['spec', 'review', 'review'], s.review.review),
    merge: humanTimeOf(['spec', 'review', 'merge'], s.review.merge),
    sources: s.review.sources,
  } : undefined;
  const policy = s.policy ? { engine: s.policy.engine, ...(s.policy.dir ? { dir: resolve(dir, s.policy.dir) } : {}) } : undefined;
  const agent = s.agent ? {
    use: s.agent.use,
    time: s.agent.time === 'measured' ? { kind: 'measured' as const } : { kind: 'modeled' as const, draw: humanTimeOf(['spec', 'agent', 'time', 'modeled'], s.agent.time.modeled), ...(s.agent.time.sources ? { sources: s.agent.time.sources } : {}) },
    timeoutMs: toMs(s.agent.timeout),
    budget: {
      ...(s.agent.budget.toolCalls !== undefined ? { toolCalls: s.agent.budget.toolCalls } : {}),
      ...(s.agent.budget.wallTime !== undefined ? { wallMs: toMs(s.agent.budget.wallTime) } : {}),
      ...(s.agent.budget.tokens !== undefined ? { tokens: s.agent.budget.tokens } : {}),
    },
    options: s.agent.options,
  } : undefined;

  const manifests = (s.rollout?.manifests ?? []).map((m) => resolve(dir, m));
  for (const [i, m] of manifests.entries()) {
    if (!(await exists(m))) at(['spec', 'rollout', 'manifests', i], `file not found: ${m}`);
  }
  if (level >= 1 && !s.rollout) at(['spec', 'level'], `an ${s.level} stack needs spec.rollout.manifests (a Rollout and its AnalysisTemplates)`);
  if (s.level === 'L0' && s.rollout) at(['spec', 'rollout'], 'an L0 stack has no rollout automation', 'set level: L1, or remove spec.rollout');
  const alertRulesFile = s.pager.alertRules ? resolve(dir, s.pager.alertRules) : undefined;
  if (alertRulesFile && !(await exists(alertRulesFile))) at(['spec', 'pager', 'alertRules'], `file not found: ${alertRulesFile}`);
  else if (alertRulesFile) {
    try {
      loadRuleFile(await readFile(alertRulesFile, 'utf8'), alertRulesFile);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      issues.issues.push(...err.issues);
    }
  }
  issues.throwIfAny();

  return {
    file,
    extends: layers.bases,
    name: value.metadata.name,
    description: value.metadata.description,
    level: s.level,
    pager: {
      evaluationIntervalMs: toMs(s.pager.evaluationInterval),
      burnRateWindows: s.pager.burnRateWindows?.map((w) => ({ longMs: toMs(w.long), shortMs: toMs(w.short), factor: w.factor })) ?? DEFAULT_BURN_WINDOWS,
      alertRulesFile,
    },
    oncall,
    ...(agent ? { agent } : {}),
    ...(review ? { review } : {}),
    ...(s.pr ? { pr: s.pr } : {}),
    ...(policy ? { policy } : {}),
    scrapeIntervalMs: toMs(s.monitoring.scrapeInterval),
    rollingUpdate: { steps: s.rollingUpdate.steps, intervalMs: toMs(s.rollingUpdate.interval) },
    rolloutManifests: manifests,
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
