import { compareConditions, resolveArgs } from './condition-thresholds.ts';
import { describeChange, measureThreshold, readNumber, type Looser } from './measure-numbers.ts';
import type { Measured, ValueContext, ValueRule } from './rule-types.ts';
import { isRecord } from './value-diff.ts';

/**
 * Rules for Argo Rollouts objects (deploy/argo/ in a run's repository): an AnalysisTemplate's
 * bounds are measured; a Rollout's routing is forbidden; anything else about the analysis is an
 * `analysis-change` for a human (a query, a removed metric, an interval).
 */
const TEMPLATE_KINDS = ['AnalysisTemplate', 'ClusterAnalysisTemplate'];

export const ROLLOUT_ROUTING_RULES: ValueRule[] = [
  {
    id: 'rollout-routing',
    kind: 'value',
    files: 'yaml',
    scope: 'value',
    includeReverts: true,
    objectKinds: ['Rollout'],
    path: /^spec\.strategy\.(canary\.(trafficRouting|steps|canaryService|stableService|canaryMetadata|stableMetadata|maxSurge|maxUnavailable|setCanaryScale)|blueGreen)(\.|\[|$)/,
    classes: ['traffic-routing'],
    matches: 'a Rollout\'s `trafficRouting`, `steps` (setWeight), canary/stable Services and metadata, surge, or blue-green switch',
    why: 'how much traffic reaches which version: a fix that reroutes can skip the canary or the analysis altogether',
    measure: (leaf, ctx) => [describeChange('traffic-routing', `${ctx.doc} ${leaf.path}`, leaf.from, leaf.to)],
  },
];

export const ANALYSIS_RULES: ValueRule[] = [
  {
    id: 'analysis-arg-bound',
    kind: 'value',
    files: 'yaml',
    scope: 'value',
    objectKinds: [...TEMPLATE_KINDS, 'Rollout'],
    path: /^spec\.(?:args|strategy\.canary\.analysis\.args)\[([^\]]+)\]\.value$/,
    classes: ['threshold-widen', 'threshold-tighten'],
    matches: 'an analysis arg named like a bound (`max-*`, `*-limit`, `min-*`) in an AnalysisTemplate, or passed by a Rollout',
    why: 'the template compares against it ({{args.max-error-ratio}}): raising a max (lowering a min) lets worse canaries pass',
    measure: (leaf, ctx, m) => [measureArg(`${ctx.doc} arg ${m?.[1]}`, m?.[1] ?? '', leaf.from, leaf.to)],
  },
  {
    id: 'analysis-condition',
    kind: 'value',
    files: 'yaml',
    scope: 'value',
    objectKinds: TEMPLATE_KINDS,
    path: /^spec\.metrics\[([^\]]+)\]\.(successCondition|failureCondition)$/,
    classes: ['threshold-widen', 'threshold-tighten', 'analysis-change'],
    matches: "a metric's `successCondition` / `failureCondition` whose numbers moved (args resolved); any other rewrite is an analysis-change",
    why: 'the bound a measurement is judged by; `true` or a dropped clause is not a threshold and needs a human',
    measure: (leaf, ctx, m) => measureCondition(`${ctx.doc} ${m?.[1]} ${m?.[2]}`, m?.[2] === 'successCondition' ? 'success' : 'failure', leaf.from, leaf.to, ctx),
  },
  {
    id: 'analysis-limit',
    kind: 'value',
    files: 'yaml',
    scope: 'value',
    objectKinds: TEMPLATE_KINDS,
    path: /^spec\.metrics\[([^\]]+)\]\.(failureLimit|inconclusiveLimit|consecutiveErrorLimit)$/,
    classes: ['threshold-widen', 'threshold-tighten'],
    matches: "a metric's `failureLimit`, `inconclusiveLimit` or `consecutiveErrorLimit`",
    why: 'a run fails on limit+1 bad measurements, so the factor is (to+1)/(from+1): 3 -> 7 tolerates twice as many',
    measure: (leaf, ctx, m) => [measureLimit(`${ctx.doc} ${m?.[1]} ${m?.[2]}`, leaf.from, leaf.to)],
  },
  {
    id: 'analysis-template-other',
    kind: 'value',
    files: 'yaml',
    scope: 'value',
    objectKinds: TEMPLATE_KINDS,
    classes: ['analysis-change'],
    matches: 'anything else in an AnalysisTemplate: query, provider, interval, metrics added or removed, the template itself',
    why: 'what is measured and when: not a bound a policy can put a number on',
    measure: (leaf, ctx) => [describeChange('analysis-change', `${ctx.doc} ${leaf.path}`, leaf.from, leaf.to)],
  },
  {
    id: 'rollout-analysis',
    kind: 'value',
    files: 'yaml',
    scope: 'value',
    objectKinds: ['Rollout'],
    path: /^spec\.strategy\.canary\.analysis(\.|$)/,
    classes: ['analysis-change'],
    matches: "anything else in a Rollout's background analysis (templates, startingStep)",
    why: 'which analysis runs, and from when',
    measure: (leaf, ctx) => [describeChange('analysis-change', `${ctx.doc} ${leaf.path}`, leaf.from, leaf.to)],
  },
];

function looserWayOf(arg: string): Looser | undefined {
  if (/(^|-)(max|limit|threshold|ceiling|budget)(-|$)/i.test(arg)) return 'higher';
  if (/(^|-)(min|floor)(-|$)/i.test(arg)) return 'lower';
  return undefined;
}

function measureArg(label: string, arg: string, from: unknown, to: unknown): Measured {
  const a = readNumber(from);
  const b = readNumber(to);
  const looser = looserWayOf(arg);
  if (a === undefined || b === undefined || !looser) return describeChange('analysis-change', label, from, to);
  return measureThreshold(label, a, b, looser);
}

function measureLimit(label: string, from: unknown, to: unknown): Measured {
  const a = from === undefined ? 0 : readNumber(from);
  const b = to === undefined ? 0 : readNumber(to);
  if (a === undefined || b === undefined) return describeChange('analysis-change', label, from, to);
  return measureThreshold(label, a, b, 'higher', (b + 1) / (a + 1));
}

function measureCondition(label: string, role: 'success' | 'failure', from: unknown, to: unknown, ctx: ValueContext): Measured[] {
  if (typeof from !== 'string' || typeof to !== 'string') return [describeChange('analysis-change', label, from, to)];
  return compareConditions(label, role, resolveArgs(from, argValues(ctx.before)), resolveArgs(to, argValues(ctx.after)));
}

/** An AnalysisTemplate's arg defaults by name. */
function argValues(doc: unknown): Map<string, string> {
  const args = isRecord(doc) && isRecord(doc.spec) && Array.isArray(doc.spec.args) ? doc.spec.args : [];
  return new Map(args.filter((a): a is Record<string, unknown> => isRecord(a) && typeof a.name === 'string' && a.value !== undefined).map((a) => [a.name as string, String(a.value)]));
}
