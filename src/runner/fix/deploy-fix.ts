import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadArgoManifests } from '../../rollout/index.ts';
import type { AnalysisTemplateLike } from '../../rollout/analysis/types.ts';
import { readText } from '../../scenario/load-config-file.ts';
import { UserInputError } from '../../util/errors.ts';

/** Where the repository keeps the Rollout and AnalysisTemplates (the stack's, copied in at v1). */
export const MANIFEST_DIR = 'deploy/argo';

/**
 * The AnalysisTemplates as a commit has them: what `kubectl apply` of its deploy/argo/ would
 * give the controller. A fix that changed them (a loosened threshold) changes the next analysis;
 * a fix that broke them cannot be deployed.
 */
export async function loadTemplatesAt(worktree: string): Promise<{ templates: AnalysisTemplateLike[]; clusterTemplates: AnalysisTemplateLike[] }> {
  const dir = join(worktree, MANIFEST_DIR);
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => /\.ya?ml$/.test(f)).sort();
  const templates: AnalysisTemplateLike[] = [];
  const clusterTemplates: AnalysisTemplateLike[] = [];
  const problems: string[] = [];
  for (const f of files) {
    const loaded = loadArgoManifests(await readText(join(dir, f)), `${MANIFEST_DIR}/${f}`);
    problems.push(...loaded.issues.map((i) => `${MANIFEST_DIR}/${f}: ${i.path}: ${i.message}`));
    templates.push(...loaded.analysisTemplates);
    clusterTemplates.push(...loaded.clusterAnalysisTemplates);
  }
  if (problems.length) throw new UserInputError(`the fix's manifests do not load: ${problems.slice(0, 5).join('; ')}`);
  return { templates, clusterTemplates };
}
