/**
 * Checks beyond the schema, each reported at its YAML path: exactly one provider and only the
 * supported ones (prometheus, web) — any other Argo provider or field is named as unsupported,
 * never ignored; secret-backed args (firedrill has no Secrets); Argo's own ValidateMetric rules
 * and condition syntax wherever no `{{args.*}}` placeholder makes them undecidable before the run.
 */
import { findDurationIssue } from '../../../config/duration-field.ts';
import type { PathIssue, YamlPath } from '../../../config/path-issue.ts';
import { checkWithSchema } from '../../../config/zod-issues.ts';
import { validateMetric } from '../build/validate-metrics.ts';
import { parseExpr } from '../expr/parse-expr.ts';
import { parseK8sJsonPath } from '../providers/k8s-json-path.ts';
import type { Argument, Metric, MetricProvider } from '../types.ts';
import {
  ARGO_ONLY_PROVIDERS, SUPPORTED_PROVIDERS, UNSUPPORTED_PROVIDER_FIELDS, metricSchema, prometheusSchema, webSchema,
} from './analysis-schema.ts';

type RawMetric = ReturnType<typeof metricSchema.parse>;
const SUPPORTED_HINT = `firedrill supports the ${SUPPORTED_PROVIDERS.join(' and ')} providers`;
const hasPlaceholder = (v: unknown): boolean => JSON.stringify(v ?? null).includes('{{');

export function checkMetric(raw: RawMetric, path: YamlPath, issues: PathIssue[]): Metric {
  const before = issues.length;
  const provider = checkProvider(raw.provider, [...path, 'provider'], issues);
  const metric = { ...raw, provider } as Metric;
  checkMetricTexts(metric, path, issues);
  const limits = [metric.count, metric.failureLimit, metric.inconclusiveLimit, metric.consecutiveErrorLimit, metric.consecutiveSuccessLimit, metric.interval];
  // Argo's own checks only when nothing above failed (they would repeat a bad duration).
  if (issues.length === before && Object.keys(provider).length === 1 && !limits.some(hasPlaceholder)) {
    const err = validateMetric(metric);
    if (err) issues.push({ path, message: err });
  }
  return metric;
}

/**
 * Durations and conditions, read defensively: they are also checked in metrics the schema
 * rejected, so a typo elsewhere does not hide them (every problem at once).
 */
export function checkMetricTexts(raw: unknown, path: YamlPath, issues: PathIssue[]): void {
  const fields = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  for (const field of ['interval', 'initialDelay'] as const) {
    const text = fields[field];
    const issue = typeof text === 'string' && !hasPlaceholder(text) ? findDurationIssue([...path, field], text) : undefined;
    if (issue) issues.push(issue);
  }
  for (const field of ['successCondition', 'failureCondition'] as const) {
    const text = fields[field];
    if (typeof text !== 'string' || !text || hasPlaceholder(text)) continue;
    try {
      parseExpr(text);
    } catch (err) {
      issues.push({ path: [...path, field], message: `invalid expression ${JSON.stringify(text)}: ${(err as Error).message}` });
    }
  }
}

function checkProvider(raw: Record<string, unknown>, path: YamlPath, issues: PathIssue[]): MetricProvider {
  const names = Object.keys(raw).filter((k) => raw[k] !== null && raw[k] !== undefined);
  for (const name of names) {
    if ((SUPPORTED_PROVIDERS as readonly string[]).includes(name)) continue;
    const known = ARGO_ONLY_PROVIDERS.includes(name);
    issues.push({
      path: [...path, name],
      message: known ? `provider "${name}" is not supported by firedrill` : `unknown provider "${name}"`,
      hint: SUPPORTED_HINT,
      atKey: true,
    });
  }
  if (names.length === 0) issues.push({ path, message: 'no provider specified', hint: SUPPORTED_HINT });
  if (names.length > 1) issues.push({ path, message: `multiple providers specified (${names.join(', ')}); a metric has exactly one` });
  const provider: MetricProvider = {};
  if (raw.prometheus !== undefined) provider.prometheus = parseProvider('prometheus', raw.prometheus, path, issues) as MetricProvider['prometheus'];
  if (raw.web !== undefined) provider.web = parseProvider('web', raw.web, path, issues) as MetricProvider['web'];
  return provider;
}

function parseProvider(name: 'prometheus' | 'web', value: unknown, path: YamlPath, issues: PathIssue[]): unknown {
  const parsed = checkWithSchema(name === 'prometheus' ? prometheusSchema : webSchema, value, { prefix: [...path, name] });
  if (!parsed.value) {
    issues.push(...parsed.issues);
    return undefined;
  }
  const data = parsed.value as Record<string, unknown>;
  for (const [field, why] of Object.entries(UNSUPPORTED_PROVIDER_FIELDS[name])) {
    if (data[field] !== undefined) issues.push({ path: [...path, name, field], message: `${name}.${field} is not supported by firedrill: ${why}`, atKey: true });
  }
  if (name === 'web' && typeof data.jsonPath === 'string' && !hasPlaceholder(data.jsonPath)) {
    try {
      parseK8sJsonPath(data.jsonPath);
    } catch (err) {
      issues.push({ path: [...path, 'web', 'jsonPath'], message: (err as Error).message });
    }
  }
  if (name === 'prometheus' && typeof data.timeout === 'number' && data.timeout < 0) {
    issues.push({ path: [...path, 'prometheus', 'timeout'], message: 'prometheus timeout should not be negative' });
  }
  return data;
}

/** Template / run args: secret-backed args cannot be resolved without a cluster. */
export function checkArgs(args: Argument[], path: YamlPath, issues: PathIssue[]): void {
  args.forEach((arg, i) => {
    const at = [...path, i];
    if (arg.value !== undefined && arg.valueFrom !== undefined) {
      issues.push({ path: at, message: `arg '${arg.name}' has both Value and ValueFrom fields` });
    }
    const ref = arg.valueFrom?.secretKeyRef;
    if (ref) {
      issues.push({
        path: [...at, 'valueFrom', 'secretKeyRef'],
        message: `arg "${arg.name}" reads Secret ${ref.name}/${ref.key}: Kubernetes Secrets are not supported by firedrill`,
        hint: 'give the arg a literal value instead',
      });
    }
    if (arg.valueFrom?.podTemplateHashValue) {
      issues.push({ path: [...at, 'valueFrom', 'podTemplateHashValue'], message: 'podTemplateHashValue is only valid in a Rollout\'s analysis args' });
    }
  });
}
