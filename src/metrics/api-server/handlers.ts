import type { Clock } from '../../clock/index.ts';
import type { Labels } from '../labels.ts';
import type { MetricSource } from '../metric-source.ts';
import { toPrometheusData } from '../prometheus-json.ts';
import { BadData, parseDurationParam, parseTime, requireParam } from './request-params.ts';

/**
 * The /api/v1 endpoints over any MetricSource (the embedded engine, a real Prometheus behind
 * the run, later a cluster's); each returns the `data` of the answer (and, for queries, its warnings).
 */
export interface ApiContext {
  source: MetricSource;
  clock: Clock;
}

export type Handler = (ctx: ApiContext, params: URLSearchParams) => Promise<unknown>;

/** A query answer: its data, plus warnings when there are some. */
export class Answer {
  constructor(readonly data: unknown, readonly warnings: string[] = []) {}
}

/** A source that cannot list series: the endpoint exists, this source has nothing behind it. */
export class NotSupported extends Error {}

export const queryHandler: Handler = async (ctx, params) => {
  const query = requireParam(params, 'query');
  const at = params.has('time') && params.get('time') !== '' ? parseTime(params.get('time')!, 'time') : ctx.clock.now();
  const r = await ctx.source.instant(query, at);
  return new Answer(toPrometheusData(r), r.warnings);
};

export const queryRangeHandler: Handler = async (ctx, params) => {
  const query = requireParam(params, 'query');
  const start = parseTime(requireParam(params, 'start'), 'start');
  const end = parseTime(requireParam(params, 'end'), 'end');
  if (end < start) throw new BadData('invalid parameter "end": end timestamp must not be before start time');
  const step = parseDurationParam(requireParam(params, 'step'), 'step');
  if (step <= 0) throw new BadData('invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer');
  if ((end - start) / step > 11_000) {
    throw new BadData('exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)');
  }
  const r = await ctx.source.range(query, start, end, step);
  return new Answer(toPrometheusData(r), r.warnings);
};

export const seriesHandler: Handler = async (ctx, params) => {
  const matches = params.getAll('match[]');
  if (matches.length === 0) throw new BadData('no match[] parameter provided');
  return selectSeries(ctx, params, matches);
};

export const labelNamesHandler: Handler = async (ctx, params) => {
  const names = new Set<string>();
  for (const labels of await selectSeries(ctx, params, params.getAll('match[]'))) for (const n of Object.keys(labels)) names.add(n);
  return [...names].sort();
};

export function labelValuesHandler(name: string): Handler {
  return async (ctx, params) => {
    const values = new Set<string>();
    for (const labels of await selectSeries(ctx, params, params.getAll('match[]'))) {
      const v = labels[name];
      if (v !== undefined && v !== '') values.add(v);
    }
    return [...values].sort();
  };
}

/** Series matching any of the selectors (all series without one) with samples in [start, end]. */
function selectSeries(ctx: ApiContext, params: URLSearchParams, matches: string[]): Promise<Labels[]> {
  if (!ctx.source.series) throw new NotSupported(`this run's metric source (${ctx.source.kind}) cannot list series; use /api/v1/query`);
  const start = params.get('start') ? parseTime(params.get('start')!, 'start') : undefined;
  const end = params.get('end') ? parseTime(params.get('end')!, 'end') : undefined;
  return ctx.source.series(matches, start, end);
}
