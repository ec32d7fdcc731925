/**
 * What the rollout controller does before it creates an AnalysisRun
 * (utils/analysis/factory.go:BuildArgumentsForRolloutAnalysisRun, then
 * helpers.go:NewAnalysisRunFromTemplates): resolve the rollout's args, flatten the templates
 * (namespaced ones first, then cluster ones; metric names unique; arg values consistent), merge
 * the rollout args over the template args, and merge the dry-run / retention rules.
 * Every error here means the run cannot be created (UserInputError), e.g. "args.x was not resolved".
 */
import { UserInputError } from '../../../util/errors.ts';
import type {
  AnalysisRunSpec, AnalysisTemplateLike, Argument, ArgumentValueFrom, DryRun, MeasurementRetention, Metric,
} from '../types.ts';

/** Resolves a rollout-side `valueFrom` (podTemplateHashValue, fieldRef) to the arg's value. */
export type ValueFromResolver = (valueFrom: ArgumentValueFrom, argName: string) => string;

export interface BuildRunSpecInput {
  /** The referenced templates, already expanded (see resolveTemplateRefs). */
  templates: AnalysisTemplateLike[];
  /** The rollout's args (`strategy.canary.analysis.args` or a step's `analysis.args`). */
  args?: Argument[];
  dryRun?: DryRun[];
  measurementRetention?: MeasurementRetention[];
  resolveValueFrom?: ValueFromResolver;
}

export function buildAnalysisRunSpec(input: BuildRunSpecInput): AnalysisRunSpec {
  const rolloutArgs = buildRolloutArgs(input.args ?? [], input.resolveValueFrom);
  const ordered = uniqueTemplates(input.templates);
  const metrics = flattenMetrics(ordered);
  const templateDryRun = checkUniqueRules(ordered.flatMap((t) => t.spec.dryRun ?? []), 'Dry-Run');
  const templateRetention = checkUniqueRules(ordered.flatMap((t) => t.spec.measurementRetention ?? []), 'Measurement Retention');
  const args = mergeArgs(rolloutArgs, flattenArgs(ordered));
  rejectSecretArgs(args);
  const dryRun = checkUniqueRules([...(input.dryRun ?? []), ...templateDryRun], 'Dry-Run');
  const retention = checkUniqueRules([...(input.measurementRetention ?? []), ...templateRetention], 'Measurement Retention');
  const spec: AnalysisRunSpec = { metrics, args };
  if (dryRun.length) spec.dryRun = dryRun;
  if (retention.length) spec.measurementRetention = retention;
  return spec;
}

function buildRolloutArgs(args: Argument[], resolve: ValueFromResolver | undefined): Argument[] {
  return args.map((arg) => {
    if (!arg.valueFrom) return { name: arg.name, value: arg.value ?? '' };
    if (arg.valueFrom.secretKeyRef) return { name: arg.name, valueFrom: arg.valueFrom };
    if (!resolve) {
      throw new UserInputError(`analysis arg "${arg.name}" uses valueFrom, which needs the rollout's context to resolve`, {
        hint: 'pass resolveValueFrom (see resolveRolloutArgValue), or give the arg a value',
      });
    }
    try {
      return { name: arg.name, value: resolve(arg.valueFrom, arg.name) };
    } catch (err) {
      throw new UserInputError(`analysis arg "${arg.name}" could not be resolved: ${(err as Error).message}`, { cause: err });
    }
  });
}

/** helpers.go:FilterUniqueTemplates, with namespaced templates before cluster ones (FlattenTemplates). */
function uniqueTemplates(templates: AnalysisTemplateLike[]): AnalysisTemplateLike[] {
  const seen = new Set<string>();
  const unique = templates.filter((t) => {
    const key = `${t.kind}/${t.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return [...unique.filter((t) => t.kind === 'AnalysisTemplate'), ...unique.filter((t) => t.kind !== 'AnalysisTemplate')];
}

function flattenMetrics(templates: AnalysisTemplateLike[]): Metric[] {
  const metrics = templates.flatMap((t) => t.spec.metrics.map((m) => structuredClone(m)));
  const names = new Set<string>();
  for (const m of metrics) {
    if (names.has(m.name)) throw new UserInputError(`two metrics have the same name '${m.name}'`);
    names.add(m.name);
  }
  return metrics;
}

/** helpers.go:flattenArgs: the same name with two different values is an error; a value beats none. */
function flattenArgs(templates: AnalysisTemplateLike[]): Argument[] {
  const combined: Argument[] = [];
  for (const arg of templates.flatMap((t) => t.spec.args ?? [])) {
    const i = combined.findIndex((a) => a.name === arg.name);
    if (i < 0) {
      combined.push(structuredClone(arg));
      continue;
    }
    const prev = combined[i];
    if (prev.value !== undefined && arg.value !== undefined && prev.value !== arg.value) {
      throw new UserInputError(`Argument \`${arg.name}\` specified multiple times with different values: '${prev.value}', '${arg.value}'`);
    }
    if (prev.value === undefined) combined[i] = structuredClone(arg);
  }
  return combined;
}

/** helpers.go:MergeArgs + ResolveArgs: rollout args override template args of the same name only. */
function mergeArgs(incoming: Argument[], templateArgs: Argument[]): Argument[] {
  const merged = templateArgs.map((a) => ({ ...a }));
  for (const arg of incoming) {
    const target = merged.find((a) => a.name === arg.name);
    if (!target) continue;
    if (arg.value !== undefined) target.value = arg.value;
    else if (arg.valueFrom !== undefined) target.valueFrom = arg.valueFrom;
  }
  const unresolved = merged.find((a) => a.value === undefined && a.valueFrom === undefined);
  if (unresolved) {
    throw new UserInputError(`args.${unresolved.name} was not resolved`, {
      hint: `give the template arg a value, or pass "${unresolved.name}" in the rollout's analysis args`,
    });
  }
  return merged;
}

/** firedrill has no Kubernetes Secrets: a secret-backed arg can never get its value (analysis.go:resolveArgs). */
function rejectSecretArgs(args: Argument[]): void {
  for (const arg of args) {
    const ref = arg.valueFrom?.secretKeyRef;
    if (!ref) continue;
    throw new UserInputError(
      `analysis arg "${arg.name}" reads Secret ${ref.name}/${ref.key} (valueFrom.secretKeyRef), which firedrill does not support`,
      { hint: 'firedrill runs without a cluster: give the arg a literal value in the template instead' },
    );
  }
}

function checkUniqueRules<T extends { metricName: string }>(rules: T[], label: string): T[] {
  const names = new Set<string>();
  for (const r of rules) {
    if (names.has(r.metricName)) throw new UserInputError(`two ${label} metric rules have the same name '${r.metricName}'`);
    names.add(r.metricName);
  }
  return rules.map((r) => ({ ...r }));
}
