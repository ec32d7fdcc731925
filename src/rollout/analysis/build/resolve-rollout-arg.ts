/**
 * Rollout-side `valueFrom` (utils/analysis/factory.go:BuildArgumentsForRolloutAnalysisRun):
 * `podTemplateHashValue` is the stable or latest ReplicaSet's pod-template-hash; a `fieldRef` under
 * `metadata.` is a downward-API field (name, namespace, uid, labels['k'], annotations['k']); any
 * other path walks the Rollout's JSON (`extractValueFromRollout`), e.g. `spec.template.metadata.labels.version`.
 */
import { UserInputError } from '../../../util/errors.ts';
import { formatGoValue, fromJson } from '../expr/expr-values.ts';
import type { ArgumentValueFrom } from '../types.ts';

export interface RolloutArgContext {
  stableHash?: string;
  latestHash?: string;
  /** The Rollout object as parsed from YAML (what the controller would json.Marshal). */
  rollout?: unknown;
}

export function resolveRolloutArgValue(valueFrom: ArgumentValueFrom, ctx: RolloutArgContext): string {
  if (valueFrom.podTemplateHashValue) {
    const hash = valueFrom.podTemplateHashValue === 'Latest' ? ctx.latestHash : ctx.stableHash;
    if (hash === undefined) throw new UserInputError(`no ${valueFrom.podTemplateHashValue} ReplicaSet to take podTemplateHashValue from`);
    return hash;
  }
  if (valueFrom.fieldRef) {
    const path = valueFrom.fieldRef.fieldPath;
    return path.startsWith('metadata') ? extractMetadataField(ctx.rollout, path) : extractValueFromRollout(ctx.rollout, path);
  }
  throw new UserInputError('valueFrom has neither podTemplateHashValue nor fieldRef');
}

/** k8s.io/kubernetes/pkg/fieldpath.ExtractFieldPathAsString. */
function extractMetadataField(rollout: unknown, path: string): string {
  const meta = (asRecord(rollout)?.metadata ?? {}) as Record<string, unknown>;
  const subscript = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (subscript) return String(asRecord(meta[subscript[1]])?.[subscript[2]] ?? '');
  switch (path) {
    case 'metadata.name':
    case 'metadata.namespace':
    case 'metadata.uid':
      return String(meta[path.slice('metadata.'.length)] ?? '');
    case 'metadata.labels':
    case 'metadata.annotations': {
      const m = asRecord(meta[path.slice('metadata.'.length)]) ?? {};
      return Object.keys(m).sort().map((k) => `${k}="${String(m[k])}"`).join('\n');
    }
  }
  throw new UserInputError(`unsupported fieldPath: ${path}`);
}

function extractValueFromRollout(rollout: unknown, path: string): string {
  let m: unknown = rollout;
  for (const section of path.split(/[.[\]]+/)) {
    if (section === '') continue;
    if (Array.isArray(m)) {
      if (!/^-?\d+$/.test(section)) throw new UserInputError(`invalid index '${section}'`);
      const i = Number(section);
      if (i >= m.length) throw new UserInputError(`index ${i} out of range`);
      m = m[i];
    } else if (asRecord(m)) {
      m = (m as Record<string, unknown>)[section];
    } else {
      throw new UserInputError(`invalid path ${path} in rollout`);
    }
  }
  if (m === undefined || m === null) throw new UserInputError(`invalid path ${path} in rollout`);
  if (typeof m === 'object') throw new UserInputError(`path ${path} in rollout must terminate in a primitive value`);
  return formatGoValue(fromJson(m));
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
