import type { YamlPath } from '../../config/path-issue.ts';

/**
 * Defensive readers over a YAML document that may not match the schema (rules run even when the
 * schema fails, so every problem is reported at once). Each returns undefined for a wrong type.
 */
export function readRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function readAt(root: unknown, path: YamlPath): unknown {
  let node = root;
  for (const seg of path) {
    if (typeof seg === 'number') node = Array.isArray(node) ? node[seg] : undefined;
    else node = readRecord(node)?.[seg];
    if (node === undefined) return undefined;
  }
  return node;
}

export function readInt(root: unknown, path: YamlPath): number | undefined {
  const v = readAt(root, path);
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

export function readString(root: unknown, path: YamlPath): string | undefined {
  const v = readAt(root, path);
  return typeof v === 'string' ? v : undefined;
}

export function readArray(root: unknown, path: YamlPath): unknown[] {
  const v = readAt(root, path);
  return Array.isArray(v) ? v : [];
}

export function readStringMap(root: unknown, path: YamlPath): Record<string, string> {
  const rec = readRecord(readAt(root, path)) ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec)) if (typeof v === 'string') out[k] = v;
  return out;
}

export function isPresent(root: unknown, path: YamlPath): boolean {
  const v = readAt(root, path);
  return v !== undefined && v !== null;
}
