import type { AnalysisTemplateLike, AnalysisTemplateRef } from '../analysis/types.ts';

/**
 * The AnalysisTemplates and ClusterAnalysisTemplates a rollout can reference, looked up the way
 * `rollout/controller.go:getReferencedAnalysisTemplatesFromRef` does: `clusterScope: true` selects
 * a ClusterAnalysisTemplate, nested `spec.templates` are followed, duplicates are dropped
 * (`FilterUniqueTemplates`).
 */
export interface TemplateCatalog {
  analysisTemplates: readonly AnalysisTemplateLike[];
  clusterAnalysisTemplates: readonly AnalysisTemplateLike[];
}

export type TemplateLookup = { templates: AnalysisTemplateLike[] } | { error: string; templateName: string };

export function lookupTemplates(refs: readonly AnalysisTemplateRef[], catalog: TemplateCatalog): TemplateLookup {
  const found: AnalysisTemplateLike[] = [];
  const visit = (list: readonly AnalysisTemplateRef[], depth: number): TemplateLookup | undefined => {
    for (const ref of list) {
      const pool = ref.clusterScope ? catalog.clusterAnalysisTemplates : catalog.analysisTemplates;
      const t = pool.find((x) => x.name === ref.templateName);
      if (!t) {
        const kind = ref.clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
        return { error: `${kind} '${ref.templateName}' not found`, templateName: ref.templateName };
      }
      if (!found.includes(t)) found.push(t);
      // Argo has no cycle guard (it would recurse forever); stop at a sane depth instead.
      if (t.spec.templates && depth < 10) {
        const nested = visit(t.spec.templates, depth + 1);
        if (nested) return nested;
      }
    }
    return undefined;
  };
  return visit(refs, 0) ?? { templates: found };
}
