import type { Labels } from './labels.ts';
import { parseQuery } from './promql/parse/parse-query.ts';
import { unwrapParens } from './promql/syntax-tree.ts';
import type { LabelMatcher, StoredSeries, Tsdb } from './tsdb.ts';

/** A `match[]` that is not a plain series selector (Prometheus answers bad_data). */
export class SelectorError extends Error {}

/** Series of the TSDB matching any selector (all series without one) with samples in [start, end], by key. */
export function selectStoredSeries(tsdb: Tsdb, selectors: readonly string[], start = -Infinity, end = Infinity): Labels[] {
  const matchers = selectors.map(parseSelector);
  const seen = new Set<StoredSeries>();
  const candidates = matchers.length === 0 ? [...tsdb.series()] : matchers.flatMap((m) => tsdb.select(m));
  for (const s of candidates) if (hasSamplesIn(s, start, end)) seen.add(s);
  return [...seen].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((s) => s.labels);
}

function parseSelector(text: string): LabelMatcher[] {
  let expr;
  try {
    expr = unwrapParens(parseQuery(text));
  } catch (err) {
    throw new SelectorError(`invalid parameter "match[]": ${(err as Error).message}`);
  }
  if (expr.kind !== 'vectorSelector') throw new SelectorError(`invalid parameter "match[]": ${JSON.stringify(text)} is not a series selector`);
  return expr.matchers;
}

function hasSamplesIn(s: StoredSeries, start: number, end: number): boolean {
  if (s.t.length === 0) return false;
  return s.t[s.t.length - 1] >= start && s.t[0] <= end;
}
