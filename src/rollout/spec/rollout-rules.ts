import { isValidIntOrPercent, readIntOrPercentValue } from './int-or-percent.ts';
import type { PathIssue, YamlPath } from '../../config/path-issue.ts';
import { isPresent, readAt, readInt, readRecord, readStringMap } from './raw-access.ts';
import { checkCanaryRules } from './canary-rules.ts';
import { DEFAULT_MAX_SURGE, DEFAULT_MAX_UNAVAILABLE, DEFAULT_PROGRESS_DEADLINE_SECONDS } from './rollout-defaults.ts';

/**
 * Argo's semantic checks of a Rollout spec (`pkg/apis/rollouts/validation/validation.go:
 * ValidateRolloutSpec`), with Argo's messages, plus the few pod-template checks of Kubernetes'
 * `ValidatePodTemplateSpecForReplicaSet` that can be done without a cluster. Reads the raw
 * document defensively: it runs even when the schema failed.
 */
export const MISSING_FIELD = (field: string): string => `Rollout has missing field '${field}'`;

export function checkRolloutRules(doc: unknown): PathIssue[] {
  // A missing spec is read as an empty one, so Argo's own messages (missing selector, strategy)
  // come out too, as `kubectl argo rollouts lint` prints them.
  const spec = readRecord(readAt(doc, ['spec'])) ?? {};
  const view = { ...readRecord(doc), spec };
  return [...checkSpecRules(view), ...checkStrategyRules(view)];
}

function checkSpecRules(doc: unknown): PathIssue[] {
  const issues: PathIssue[] = [];
  const replicas = readInt(doc, ['spec', 'replicas']);
  if (replicas !== undefined && replicas < 0) issues.push(nonNegative(['spec', 'replicas']));
  const hasWorkloadRef = isPresent(doc, ['spec', 'workloadRef']);
  if (!hasWorkloadRef) issues.push(...checkSelectorAndTemplate(doc));
  if (hasWorkloadRef && !isEmptyTemplate(readAt(doc, ['spec', 'template']))) {
    issues.push({ path: ['spec', 'template'], message: 'template must be empty for workload reference rollout' });
  }
  for (const field of ['minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds']) {
    const v = readInt(doc, ['spec', field]);
    if (v !== undefined && v < 0) issues.push(nonNegative(['spec', field]));
  }
  const deadline = readInt(doc, ['spec', 'progressDeadlineSeconds']) ?? DEFAULT_PROGRESS_DEADLINE_SECONDS;
  const minReady = readInt(doc, ['spec', 'minReadySeconds']) ?? 0;
  if (deadline <= minReady) {
    issues.push({ path: ['spec', 'progressDeadlineSeconds'], message: 'must be greater than minReadySeconds' });
  }
  return issues;
}

function checkSelectorAndTemplate(doc: unknown): PathIssue[] {
  const issues: PathIssue[] = [];
  const selector = readRecord(readAt(doc, ['spec', 'selector']));
  if (!selector) {
    issues.push({ path: ['spec', 'selector'], message: MISSING_FIELD('.spec.selector') });
  } else {
    const matchLabels = readStringMap(doc, ['spec', 'selector', 'matchLabels']);
    const expressions = readAt(doc, ['spec', 'selector', 'matchExpressions']);
    const count = Object.keys(matchLabels).length + (Array.isArray(expressions) ? expressions.length : 0);
    if (count === 0) issues.push({ path: ['spec', 'selector'], message: 'empty selector is invalid for deployment' });
    const labels = readStringMap(doc, ['spec', 'template', 'metadata', 'labels']);
    const matches = Object.entries(matchLabels).every(([k, v]) => labels[k] === v);
    if (count > 0 && !matches) {
      issues.push({ path: ['spec', 'template', 'metadata', 'labels'], message: '`selector` does not match template `labels`' });
    }
  }
  const containers = readAt(doc, ['spec', 'template', 'spec', 'containers']);
  if (!Array.isArray(containers) || containers.length === 0) {
    issues.push({ path: ['spec', 'template', 'spec', 'containers'], message: 'Required value' });
  }
  return issues;
}

function checkStrategyRules(doc: unknown): PathIssue[] {
  const canary = isPresent(doc, ['spec', 'strategy', 'canary']);
  const blueGreen = isPresent(doc, ['spec', 'strategy', 'blueGreen']);
  if (!canary && !blueGreen) {
    return [{ path: ['spec', 'strategy'], message: MISSING_FIELD('.spec.strategy.canary or .spec.strategy.blueGreen') }];
  }
  if (canary && blueGreen) {
    return [{ path: ['spec', 'strategy'], message: 'Multiple Strategies can not be listed' }];
  }
  return canary ? [...checkSurge(doc), ...checkCanaryRules(doc)] : [];
}

/** `invalidMaxSurgeMaxUnavailable` (defaults 25% / 25%). */
function checkSurge(doc: unknown): PathIssue[] {
  const issues: PathIssue[] = [];
  const base: YamlPath = ['spec', 'strategy', 'canary'];
  const surge = readAt(doc, [...base, 'maxSurge']) ?? DEFAULT_MAX_SURGE;
  const unavailable = readAt(doc, [...base, 'maxUnavailable']) ?? DEFAULT_MAX_UNAVAILABLE;
  for (const [field, v] of [['maxSurge', surge], ['maxUnavailable', unavailable]] as const) {
    if ((typeof v === 'string' || typeof v === 'number') && !isValidIntOrPercent(v)) {
      issues.push({ path: [...base, field], message: `must be an integer or a percentage like '25%', got ${JSON.stringify(v)}` });
    }
  }
  const value = (v: unknown): number | undefined =>
    typeof v === 'string' || typeof v === 'number' ? readIntOrPercentValue(v) : undefined;
  if (value(surge) === 0 && value(unavailable) === 0) {
    issues.push({ path: [...base, 'maxSurge'], message: 'MaxSurge and MaxUnavailable both can not be zero' });
  }
  return issues;
}

function nonNegative(path: YamlPath): PathIssue {
  return { path, message: 'must be greater than or equal to 0' };
}

function isEmptyTemplate(template: unknown): boolean {
  const rec = readRecord(template);
  if (!rec) return true;
  const containers = readAt(rec, ['spec', 'containers']);
  const labels = readRecord(readAt(rec, ['metadata', 'labels']));
  return !(Array.isArray(containers) && containers.length > 0) && !(labels && Object.keys(labels).length > 0);
}
