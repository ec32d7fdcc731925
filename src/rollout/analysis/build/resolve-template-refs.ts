/**
 * Template references → templates, like rollout/analysis.go:getAnalysisTemplatesFromRefs: each
 * referenced template, then its nested `templates[]` (recursively), de-duplicated per kind
 * (helpers.go:FilterUniqueTemplates). A missing template is an error, as the lister's NotFound is.
 */
import { UserInputError } from '../../../util/errors.ts';
import type { AnalysisTemplateLike, AnalysisTemplateRef } from '../types.ts';

const MAX_NESTING = 32;

export function resolveTemplateRefs(refs: AnalysisTemplateRef[], catalog: AnalysisTemplateLike[]): { templates: AnalysisTemplateLike[] } {
  const found = collect(refs, catalog, 0);
  const seen = new Set<string>();
  const templates = found.filter((t) => {
    const key = `${t.kind}/${t.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { templates };
}

function collect(refs: AnalysisTemplateRef[], catalog: AnalysisTemplateLike[], depth: number): AnalysisTemplateLike[] {
  if (depth > MAX_NESTING) {
    throw new UserInputError('analysis templates reference each other in a cycle', { hint: 'check the nested spec.templates[] references' });
  }
  const out: AnalysisTemplateLike[] = [];
  for (const ref of refs) {
    const kind = ref.clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
    const template = catalog.find((t) => t.kind === kind && t.name === ref.templateName);
    if (!template) {
      const known = catalog.filter((t) => t.kind === kind).map((t) => t.name);
      throw new UserInputError(`${kind} "${ref.templateName}" not found`, {
        hint: known.length ? `known ${kind}s: ${known.join(', ')}` : `no ${kind} was loaded${ref.clusterScope ? '' : ' (set clusterScope: true for a ClusterAnalysisTemplate)'}`,
      });
    }
    out.push(template);
    if (template.spec.templates?.length) out.push(...collect(template.spec.templates, catalog, depth + 1));
  }
  return out;
}
