import { findUnboundedMetrics } from '../analysis/index.ts';
import type { PathIssue, YamlPath } from '../../config/path-issue.ts';
import type { RolloutAnalysis, RolloutObject } from '../spec/rollout-types.ts';
import { lookupTemplates, type TemplateCatalog } from './template-catalog.ts';

/**
 * What Argo checks when the rollout reconciles against the templates it references
 * (`pkg/apis/rollouts/validation/validation_references.go:ValidateAnalysisTemplatesWithType`,
 * `rollout/controller.go:getReferencedAnalysisTemplatesFromRef`). A failure is an `InvalidSpec`
 * condition: the rollout is Degraded and does not progress.
 * With `requireAll: false` (a single file, like `kubectl argo rollouts lint`) a template that is
 * not in the catalog is not an error, since it may live in another file.
 */
export function checkRolloutReferences(
  rollout: RolloutObject,
  catalog: TemplateCatalog,
  opts: { requireAll: boolean } = { requireAll: true },
): PathIssue[] {
  const issues: PathIssue[] = [];
  const canary = rollout.spec.strategy.canary;
  canary.steps.forEach((step, i) => {
    if (step.type !== 'analysis') return;
    const path: YamlPath = ['spec', 'strategy', 'canary', 'steps', i, 'analysis', 'templates'];
    issues.push(...checkBlock(step.analysis, path, catalog, opts, true));
  });
  if (canary.analysis) {
    issues.push(...checkBlock(canary.analysis, ['spec', 'strategy', 'canary', 'analysis', 'templates'], catalog, opts, false));
  }
  return issues;
}

function checkBlock(block: RolloutAnalysis, path: YamlPath, catalog: TemplateCatalog, opts: { requireAll: boolean }, inline: boolean): PathIssue[] {
  const lookup = lookupTemplates(block.templates, catalog);
  if ('error' in lookup) return opts.requireAll ? [{ path, message: lookup.error }] : [];
  const issues: PathIssue[] = [];
  for (const t of lookup.templates) {
    // Inline analysis must be bounded: an indefinite metric would never let the step complete.
    if (inline) issues.push(...findUnboundedMetrics(t).map((message) => ({ path, message })));
    for (const arg of t.spec.args ?? []) {
      const given = block.args.some((a) => a.name === arg.name && (a.value !== undefined || a.valueFrom !== undefined));
      if (arg.value === undefined && arg.valueFrom === undefined && !given) {
        issues.push({
          path: [...path.slice(0, -1), 'args'],
          message: `args.${arg.name} was not resolved`,
          hint: `${t.kind} '${t.name}' needs argument '${arg.name}'; add it with a value to this analysis block`,
        });
      }
    }
  }
  return issues;
}
