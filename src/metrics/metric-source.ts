import type { Labels } from './labels.ts';

/**
 * What any PromQL answerer returns: the `data` field of Prometheus's /api/v1/query(_range),
 * with numbers instead of strings. Times are in milliseconds. `warnings` (only when there are
 * some) are the answer's warnings, e.g. that a function found no native histograms.
 */
export type QueryResult = (
  | { resultType: 'scalar'; result: [number, number] }
  | { resultType: 'string'; result: [number, string] }
  | { resultType: 'vector'; result: { metric: Labels; value: [number, number] }[] }
  | { resultType: 'matrix'; result: { metric: Labels; values: [number, number][] }[] }
) & { warnings?: string[] };

/** The embedded engine over the TSDB and a real Prometheus over HTTP both implement this. */
export interface MetricSource {
  readonly kind: string;
  instant(query: string, at: number): Promise<QueryResult>;
  range(query: string, start: number, end: number, step: number): Promise<QueryResult>;
  /**
   * Label sets of the series matching any of `selectors` (every series when there is none) with
   * samples in [start, end], sorted: /api/v1/series, and what the label endpoints derive from.
   * Optional: a scripted test source has no series to list.
   */
  series?(selectors: readonly string[], start?: number, end?: number): Promise<Labels[]>;
}
