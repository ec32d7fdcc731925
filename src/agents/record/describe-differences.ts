/** Where two JSON values differ, as `path: before -> after` lines (at most `limit`). */
export function describeDifferences(before: unknown, after: unknown, limit = 10): string[] {
  const out: string[] = [];
  const short = (v: unknown): string => {
    const s = JSON.stringify(v);
    return s === undefined ? '(absent)' : s.length > 60 ? `${s.slice(0, 57)}...` : s;
  };
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (out.length >= limit) return;
    const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
    if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
      const keys = Array.isArray(a) ? [...Array(Math.max((a as unknown as unknown[]).length, (b as unknown as unknown[]).length)).keys()].map(String) : [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      for (const k of keys) walk(a[k], b[k], Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${path || '(root)'}: ${short(a)} -> ${short(b)}`);
  };
  walk(before, after, '');
  return out;
}
