import { readText } from '../scenario/load-config-file.ts';
import type { Stack } from '../scenario/load-stack.ts';
import { checkRolloutReferences, loadArgoManifests } from '../rollout/index.ts';
import type { AnalysisTemplateLike } from '../rollout/analysis/types.ts';
import type { RolloutObject } from '../rollout/spec/rollout-types.ts';
import { formatPath } from '../config/yaml-source.ts';
import { ConfigError, UserInputError, type ConfigIssue } from '../util/errors.ts';

/** An L1 stack's Argo objects, read from its manifest files (real Argo YAML). */
export interface ArgoStack {
  rollouts: RolloutObject[];
  templates: AnalysisTemplateLike[];
  clusterTemplates: AnalysisTemplateLike[];
}

/**
 * Loads every manifest of a stack and checks each Rollout's template references across all of
 * them (templates usually live in their own file). Every problem is reported at once.
 */
export async function loadArgoStack(stack: Stack): Promise<ArgoStack> {
  const argo: ArgoStack = { rollouts: [], templates: [], clusterTemplates: [] };
  const issues: ConfigIssue[] = [];
  const rolloutFiles = new Map<RolloutObject, string>();
  const texts = new Map<string, string>();
  for (const file of stack.rolloutManifests) {
    texts.set(file, await readText(file));
    const loaded = loadArgoManifests(texts.get(file)!, file);
    issues.push(...loaded.issues);
    for (const r of loaded.rollouts) rolloutFiles.set(r, file);
    argo.rollouts.push(...loaded.rollouts);
    argo.templates.push(...loaded.analysisTemplates);
    argo.clusterTemplates.push(...loaded.clusterAnalysisTemplates);
  }
  for (const rollout of argo.rollouts) {
    const problems = checkRolloutReferences(rollout, { analysisTemplates: argo.templates, clusterAnalysisTemplates: argo.clusterTemplates }, { requireAll: true });
    for (const p of problems) {
      const file = rolloutFiles.get(rollout)!;
      // Located at the Rollout's name in its file: the reference's own node is not kept after loading.
      issues.push({ file, ...lineOf(texts.get(file)!, new RegExp(`^\\s*name:\\s*['"]?${escapeRegExp(rollout.name)}['"]?\\s*$`, 'm')), path: formatPath(p.path), message: `Rollout ${rollout.name}: ${p.message}`, hint: p.hint ?? 'list the file that defines it under spec.rollout.manifests' });
    }
  }
  if (issues.length) throw new ConfigError(issues, `in the manifests of stack ${stack.name} (${stack.file})`);
  if (argo.rollouts.length === 0) {
    // Pointed at the manifests list, in whichever of the stack's files (it, or a base) has it.
    const files = [stack.file, ...[...stack.extends].reverse()];
    const lists = await Promise.all(files.map(async (f) => ({ file: f, ...lineOf(await readText(f), /^\s*manifests:/m) })));
    const at = lists.find((l) => l.line > 1) ?? lists[0];
    throw new ConfigError([{ ...at, path: 'spec.rollout.manifests', message: `stack ${stack.name} lists manifests but no Rollout`, hint: 'an L1 stack needs an argoproj.io/v1alpha1 Rollout per service it deploys' }]);
  }
  return argo;
}

/** line:column (1-based) of the first match of `pattern` in `text`; 1:1 when there is none. */
function lineOf(text: string, pattern: RegExp): { line: number; column: number } {
  const m = pattern.exec(text);
  if (!m) return { line: 1, column: 1 };
  const before = text.slice(0, m.index + (m[0].length - m[0].trimStart().length));
  const lines = before.split('\n');
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The Rollout that deploys `service`: the one named after it. */
export function selectRollout(argo: ArgoStack, service: string, stackName: string): RolloutObject {
  const rollout = argo.rollouts.find((r) => r.name === service);
  if (!rollout) {
    throw new UserInputError(`stack ${stackName} has no Rollout for service "${service}" (Rollouts: ${argo.rollouts.map((r) => r.name).join(', ')})`, {
      hint: `add a Rollout named "${service}" to the stack's manifests`,
    });
  }
  return rollout;
}
