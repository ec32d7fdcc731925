import type { Clock } from '../../clock/index.ts';
import type { PromqlEngine } from '../promql/engine.ts';
import { parseQuery } from '../promql/parse/parse-query.ts';
import { unwrapParens } from '../promql/syntax-tree.ts';
import { toPrometheusData } from '../prometheus-json.ts';
import type { LabelMatcher, StoredSeries, Tsdb } from '../tsdb.ts';
import { BadData, parseDurationParam, parseTime, requireParam } from './request-params.ts';

/**
 * The /api/v1 endpoints served by the embedded engine; each returns the `data` of the answer
 * (and, for queries, its warnings).
 */
export interface ApiContext {
  tsdb: Tsdb;
  engine: PromqlEngine;
  clock: Clock;
}

export type Handler = (ctx: ApiContext, params: URLSearchParams) => unknown;

/** A query answer: its data, plus warnings when there are some. */
export class Answer {
  constructor(readonly data: unknown, readonly warnings: string[] = []) {}
}

export const queryHandler: Handler = (ctx, params) => {
  const query = requireParam(params, 'query');
  const at = params.has('time') && params.get('time') !== '' ? parseTime(params.get('time')!, 'time') : ctx.clock.now();
  const r = ctx.engine.instantQuery(query, at);
  return new Answer(toPrometheusData(r), r.warnings);
};

export const queryRangeHandler: Handler = (ctx, params) => {
  const query = requireParam(params, 'query');
  const start = parseTime(requireParam(params, 'start'), 'start');
  const end = parseTime(requireParam(params, 'end'), 'end');
  if (end < start) throw new BadData('invalid parameter "end": end timestamp must not be before start time');
  const step = parseDurationParam(requireParam(params, 'step'), 'step');
  if (step <= 0) throw new BadData('invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer');
  if ((end - start) / step > 11_000) {
    throw new BadData('exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)');
  }
  const r = ctx.engine.rangeQuery(query, start, end, step);
  return new Answer(toPrometheusData(r), r.warnings);
};

export const seriesHandler: Handler = (ctx, params) => {
  const matches = params.getAll('match[]');
  if (matches.length === 0) throw new BadData('no match[] parameter provided');
  return selectSeries(ctx, params, matches).map((s) => s.labels);
};

export const labelNamesHandler: Handler = (ctx, params) => {
  const names = new Set<string>();
  for (const s of selectSeries(ctx, params, params.getAll('match[]'))) for (const n of Object.keys(s.labels)) names.add(n);
  return [...names].sort();
};

export function labelValuesHandler(name: string): Handler {
  return (ctx, params) => {
    const values = new Set<string>();
    for (const s of selectSeries(ctx, params, params.getAll('match[]'))) {
      const v = s.labels[name];
      if (v !== undefined && v !== '') values.add(v);
    }
    return [...values].sort();
  };
}

/** Series matching any of the selectors (all series without one) with samples in [start, end]. */
function selectSeries(ctx: ApiContext, params: URLSearchParams, matches: string[]): StoredSeries[] {
  const start = params.get('start') ? parseTime(params.get('start')!, 'start') : -Infinity;
  const end = params.get('end') ? parseTime(params.get('end')!, 'end') : Infinity;
  const selectors = matches.map(parseSelector);
  const seen = new Set<StoredSeries>();
  const candidates = selectors.length === 0 ? [...ctx.tsdb.series()] : selectors.flatMap((m) => ctx.tsdb.select(m));
  for (const s of candidates) if (hasSamplesIn(s, start, end)) seen.add(s);
  return [...seen].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function parseSelector(text: string): LabelMatcher[] {
  let expr;
  try {
    expr = unwrapParens(parseQuery(text));
  } catch (err) {
    throw new BadData(`invalid parameter "match[]": ${(err as Error).message}`);
  }
  if (expr.kind !== 'vectorSelector') throw new BadData(`invalid parameter "match[]": ${JSON.stringify(text)} is not a series selector`);
  return expr.matchers;
}

function hasSamplesIn(s: StoredSeries, start: number, end: number): boolean {
  if (s.t.length === 0) return false;
  return s.t[s.t.length - 1] >= start && s.t[0] <= end;
}

