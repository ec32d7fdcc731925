import { parseAllDocuments } from 'yaml';
import { isRecord } from './value-diff.ts';

/**
 * The documents of a YAML file keyed by what they are: `Kind/name` for Kubernetes objects
 * (`Kind/namespace/name` when namespaced), `rules` for a Prometheus rule file, `#n` otherwise.
 * Keyed so that a changed `kind` reads as one object removed and another added.
 */
export type YamlDocuments = Map<string, unknown>;

export function parseYamlDocuments(text: string): YamlDocuments | { error: string } {
  const docs: YamlDocuments = new Map();
  let index = 0;
  for (const doc of parseAllDocuments(text, { uniqueKeys: true })) {
    if (doc.errors.length > 0) return { error: doc.errors[0].message.split('\n')[0] };
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    const base = identify(value, index++);
    let id = base;
    for (let n = 2; docs.has(id); n++) id = `${base}#${n}`;
    docs.set(id, value);
  }
  return docs;
}

function identify(value: unknown, index: number): string {
  if (!isRecord(value)) return `#${index}`;
  if (typeof value.kind === 'string') {
    const meta = isRecord(value.metadata) ? value.metadata : {};
    const name = typeof meta.name === 'string' ? meta.name : `#${index}`;
    return typeof meta.namespace === 'string' ? `${value.kind}/${meta.namespace}/${name}` : `${value.kind}/${name}`;
  }
  if (Array.isArray(value.groups)) return 'rules';
  return `#${index}`;
}

/** The object kind of a document id (`Rollout/frontend` -> `Rollout`), or undefined. */
export function kindOf(docId: string): string | undefined {
  return docId.startsWith('#') || docId === 'rules' ? undefined : docId.split('/')[0];
}
