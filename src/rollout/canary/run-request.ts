import { lookupTemplates } from '../manifests/template-catalog.ts';
import { resolveRolloutFieldRef } from '../spec/field-ref.ts';
import type { AnalysisRunArgument, RolloutAnalysis } from '../spec/rollout-types.ts';
import type { AnalysisRunRequest } from './analysis-runner.ts';
import { currentReplicaSet, stableReplicaSet, type ControllerState } from './controller-state.ts';

/**
 * What `rollout/analysis.go:createAnalysisRun` builds before creating a run: the referenced
 * templates, the rollout args with every `valueFrom` resolved
 * (`utils/analysis/factory.go:BuildArgumentsForRolloutAnalysisRun`), and the run name
 * `<rollout>-<podHash>-<revision>[-<infix>]` with Argo's `.1`, `.2` suffix on a collision
 * (`CreateWithCollisionCounter`). Throws an Error whose message says what could not be built.
 */
export function buildRunRequest(s: ControllerState, block: RolloutAnalysis, type: 'Step' | 'Background', stepIndex?: number): AnalysisRunRequest {
  const lookup = lookupTemplates(block.templates, s.catalog);
  if ('error' in lookup) throw new Error(lookup.error);
  const podHash = s.status.currentPodHash;
  const base = [s.rollout.name, podHash, String(s.status.revision), ...(stepIndex !== undefined ? [String(stepIndex)] : [])].join('-');
  let name = base;
  for (let n = 1; s.runNames.has(name); n++) name = `${base}.${n}`;
  const labels: Record<string, string> = { 'rollout-type': type, 'rollouts-pod-template-hash': podHash };
  if (stepIndex !== undefined) labels['step-index'] = String(stepIndex);
  return {
    name,
    templates: lookup.templates,
    args: block.args.map((arg) => ({ name: arg.name, value: resolveArgValue(s, arg) })),
    dryRun: block.dryRun,
    measurementRetention: block.measurementRetention,
    labels,
  };
}

function resolveArgValue(s: ControllerState, arg: AnalysisRunArgument): string {
  const from = arg.valueFrom;
  if (!from) return arg.value ?? '';
  if (from.podTemplateHashValue === 'Latest') return s.status.currentPodHash;
  if (from.podTemplateHashValue === 'Stable') return s.status.stableRS;
  const fieldPath = from.fieldRef?.fieldPath;
  if (fieldPath === undefined) return arg.value ?? '';
  const stable = stableReplicaSet(s) ?? currentReplicaSet(s);
  const fromWorld = s.resolveFieldRef?.(fieldPath, { rollout: s.rollout, argName: arg.name, stable: stable.ref, canary: currentReplicaSet(s).ref });
  if (fromWorld !== undefined) return fromWorld;
  const res = resolveRolloutFieldRef(s.rollout.raw, fieldPath);
  if ('error' in res) throw new Error(`args.${arg.name} could not be resolved: ${res.error}`);
  return res.value;
}
