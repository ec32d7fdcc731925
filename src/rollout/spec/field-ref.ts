import { readAt, readRecord, readString } from './raw-access.ts';

/**
 * `valueFrom.fieldRef.fieldPath` of a rollout analysis argument
 * (`utils/analysis/factory.go:BuildArgumentsForRolloutAnalysisRun`): a `metadata.*` path resolves
 * like the Kubernetes downward API (`k8s.io/kubernetes/pkg/fieldpath.ExtractFieldPathAsString`);
 * any other path walks the rollout's JSON (`extractValueFromRollout`).
 */
export const INVALID_ANALYSIS_ARGS_MESSAGE = 'Analyses arguments must refer to valid object metadata supported by downwardAPI';

export type FieldRefResolution = { value: string } | { error: string; needsCluster?: boolean };

const SUBSCRIPT = /^metadata\.(labels|annotations)\['([^']*)'\]$/;

export function resolveRolloutFieldRef(raw: unknown, fieldPath: string): FieldRefResolution {
  if (fieldPath.startsWith('metadata')) return resolveMetadataPath(raw, fieldPath);
  if (fieldPath.startsWith('status')) {
    return { error: `fieldRef '${fieldPath}' reads the Rollout status that a cluster controller writes`, needsCluster: true };
  }
  return extractValueFromRollout(raw, fieldPath);
}

function resolveMetadataPath(raw: unknown, fieldPath: string): FieldRefResolution {
  const sub = SUBSCRIPT.exec(fieldPath);
  if (sub) return { value: readString(raw, ['metadata', sub[1], sub[2]]) ?? '' };
  switch (fieldPath) {
    case 'metadata.name':
      return { value: readString(raw, ['metadata', 'name']) ?? '' };
    case 'metadata.namespace':
      // kubectl apply without a namespace lands in "default".
      return { value: readString(raw, ['metadata', 'namespace']) ?? 'default' };
    case 'metadata.labels':
    case 'metadata.annotations':
      return { value: formatMap(readRecord(readAt(raw, fieldPath.split('.'))) ?? {}) };
    case 'metadata.uid':
      return { error: `fieldRef '${fieldPath}' is assigned by the cluster`, needsCluster: true };
    default:
      return { error: INVALID_ANALYSIS_ARGS_MESSAGE };
  }
}

/** `fieldpath.FormatMap`: sorted `key="value"` lines. */
function formatMap(map: Record<string, unknown>): string {
  return Object.keys(map)
    .sort()
    .map((k) => `${k}=${JSON.stringify(String(map[k]))}`)
    .join('\n');
}

/** `factory.go:extractValueFromRollout`, with its error messages. */
function extractValueFromRollout(raw: unknown, path: string): FieldRefResolution {
  let node: unknown = raw;
  for (const section of path.split(/[.[\]]+/)) {
    if (section === '') continue;
    if (Array.isArray(node)) {
      const i = /^\d+$/.test(section) ? Number(section) : Number.NaN;
      if (Number.isNaN(i)) return { error: `invalid index '${section}'` };
      if (i >= node.length) return { error: `index ${i} out of range` };
      node = node[i];
    } else if (readRecord(node)) {
      node = readRecord(node)![section];
    } else {
      return { error: `invalid path ${path} in rollout` };
    }
  }
  if (node === undefined || node === null) return { error: `invalid path ${path} in rollout` };
  if (typeof node === 'object') return { error: `path ${path} in rollout must terminate in a primitive value` };
  return { value: String(node) };
}
