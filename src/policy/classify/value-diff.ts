/**
 * The leaves two parsed documents (JSON, YAML) differ in, each with a readable path such as
 * `spec.args[max-error-ratio].value`: list items that carry a distinct `name` (or `alert`,
 * `record`) are addressed by it, so reordering a list does not read as every item changing.
 */
export interface LeafChange {
  path: string;
  from: unknown;
  to: unknown;
}

const ITEM_KEYS = ['name', 'alert', 'record'] as const;

export function diffValues(from: unknown, to: unknown, path = ''): LeafChange[] {
  if (Object.is(from, to)) return [];
  // Something added or removed whole is compared leaf by leaf against nothing, so an added
  // `annotations:` block reads as the annotation it holds; empty structures stay one leaf.
  if (from === undefined && hasMembers(to)) return diffValues(Array.isArray(to) ? [] : {}, to, path);
  if (to === undefined && hasMembers(from)) return diffValues(from, Array.isArray(from) ? [] : {}, path);
  if (Array.isArray(from) && Array.isArray(to)) return diffLists(from, to, path);
  if (isRecord(from) && isRecord(to)) {
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
    return keys.flatMap((k) => diffValues(from[k], to[k], joinKey(path, k)));
  }
  if (JSON.stringify(from) === JSON.stringify(to)) return [];
  return [{ path, from, to }];
}

function diffLists(from: unknown[], to: unknown[], path: string): LeafChange[] {
  const before = labelItems(from);
  const after = labelItems(to);
  if (before && after) {
    const names = [...new Set([...before.keys(), ...after.keys()])];
    return names.flatMap((n) => diffValues(before.get(n), after.get(n), `${path}[${n}]`));
  }
  const n = Math.max(from.length, to.length);
  return Array.from({ length: n }, (_, i) => diffValues(from[i], to[i], `${path}[${i}]`)).flat();
}

/** The items by their label (`name`, else `alert`, else `record`), when every item has a distinct one. */
function labelItems(list: unknown[]): Map<string, unknown> | undefined {
  const items = new Map<string, unknown>();
  for (const item of list) {
    const label = itemLabel(item);
    if (label === undefined || items.has(label)) return undefined;
    items.set(label, item);
  }
  return items;
}

export function itemLabel(item: unknown): string | undefined {
  if (!isRecord(item)) return undefined;
  const key = ITEM_KEYS.find((k) => typeof item[k] === 'string');
  return key ? (item[key] as string) : undefined;
}

function joinKey(path: string, key: string): string {
  const part = /^[\w-]+$/.test(key) ? key : JSON.stringify(key);
  return path === '' ? part : `${path}.${part}`;
}

function hasMembers(v: unknown): boolean {
  return Array.isArray(v) ? v.length > 0 : isRecord(v) && Object.keys(v).length > 0;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as a detail shows it: short, on one line. */
export function formatValue(v: unknown): string {
  if (v === undefined) return '(none)';
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
