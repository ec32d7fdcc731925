/** Keys whose string values are credentials wherever they appear (kubeconfig data, tokens, passwords). */
const SECRET_KEY = /token|password|passwd|secret|credential|api[-_]?key|authorization|bearer|kubeconfig|client-key|client-certificate|certificate-authority|private[-_]?key/i;
/** Values that are credentials whatever their key: PEM blocks, JWTs, `Bearer x`. */
const SECRET_VALUE = /-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----|^eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.|^Bearer\s+\S+/;
/** Noise an agent never needs, and the copy of the whole object kubectl apply leaves behind (it repeats every field, secrets included). */
const DROPPED_METADATA = ['managedFields', 'kubectl.kubernetes.io/last-applied-configuration'];

export const REDACTED = '[redacted]';
/** A tool's answer past this many bytes of JSON is cut to fewer items (an agent's context, and the harness's memory, stay bounded). */
export const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * A copy of an API object safe to hand to an agent: credentials replaced by `[redacted]` (by key
 * name, by value shape, and the `value` of any env var or header whose `name`/`key` looks like one),
 * managedFields and the last-applied annotation dropped.
 */
export function redactObject(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return SECRET_KEY.test(key) || SECRET_VALUE.test(value) ? REDACTED : value;
  if (Array.isArray(value)) return value.map((v) => redactObject(v, key));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const named = [obj.name, obj.key].find((n): n is string => typeof n === 'string' && SECRET_KEY.test(n));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (DROPPED_METADATA.includes(k)) continue;
    out[k] = named && k === 'value' && typeof v === 'string' ? REDACTED : redactObject(v, k);
  }
  return out;
}

/**
 * The newest items that fit MAX_ANSWER_BYTES (lists are oldest first, so the cut drops the oldest),
 * and how many there were; a single item larger than the cap comes back as its JSON text, cut.
 */
export function capItems<T>(items: T[], maxBytes = MAX_ANSWER_BYTES): { items: (T | string)[]; total: number; truncated?: string } {
  const sizes = items.map((i) => Buffer.byteLength(JSON.stringify(i)));
  let used = 0;
  let from = items.length;
  while (from > 0 && used + sizes[from - 1] <= maxBytes) used += sizes[--from];
  if (from === 0) return { items, total: items.length };
  if (from === items.length && items.length > 0) {
    const text = JSON.stringify(items.at(-1)).slice(0, maxBytes);
    return { items: [text], total: items.length, truncated: `the newest item alone is over ${maxBytes} bytes: its JSON text, cut` };
  }
  return { items: items.slice(from), total: items.length, truncated: `the ${from} oldest of ${items.length} left out (answer cap ${maxBytes} bytes); ask for one by name` };
}
