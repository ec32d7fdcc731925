/**
 * pkg/apis/rollouts/validation/validation_references.go:ValidateAnalysisTemplateWithType for
 * step, pre- and post-promotion analysis: args get placeholder values, metrics are templated, and
 * every metric without an effective count is reported with Argo's InvalidSpec message.
 */
import type { AnalysisTemplateLike, Argument } from '../types.ts';
import { effectiveCount } from './metric-limits.ts';
import { resolveMetricArgs } from './resolve-metric-args.ts';

export function findUnboundedMetrics(template: AnalysisTemplateLike): string[] {
  const args: Argument[] = (template.spec.args ?? []).map((a) => ({ name: a.name, value: a.value ?? 'dummy-value' }));
  const problems: string[] = [];
  for (const metric of template.spec.metrics) {
    let resolved = metric;
    try {
      resolved = resolveMetricArgs(metric, args);
    } catch (err) {
      return [`AnalysisTemplate ${template.name}: ${(err as Error).message}`];
    }
    if (effectiveCount(resolved) === undefined) {
      const count = resolved.count === undefined ? '<nil>' : String(resolved.count);
      problems.push(`AnalysisTemplate ${template.name} has metric ${resolved.name} which runs indefinitely. Invalid value for count: ${count}`);
    }
  }
  return problems;
}
