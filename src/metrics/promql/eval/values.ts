import type { Labels } from '../../labels.ts';

/**
 * Values as the evaluator passes them around at one evaluation time. `dropName` is Prometheus 3's
 * delayed `__name__` removal: functions mark a series, and the name is only dropped when the
 * final result is assembled (so `label_replace(rate(x[1m]), "n", "$1", "__name__", "(.+)")` still
 * sees the name).
 */
export interface Sample {
  metric: Labels;
  f: number;
  /** Timestamp of the sample: the evaluation time, or the stored sample's time for timestamp(). */
  t: number;
  dropName: boolean;
}

/** One series of a range vector: points in time order, staleness markers already left out. */
export interface RangeSeries {
  metric: Labels;
  t: number[];
  f: number[];
  dropName: boolean;
}

export type Value =
  | { type: 'scalar'; v: number }
  | { type: 'string'; v: string }
  | { type: 'vector'; samples: Sample[] }
  | { type: 'matrix'; series: RangeSeries[] };

export function scalar(v: number): Value {
  return { type: 'scalar', v };
}

export function vector(samples: Sample[]): Value {
  return { type: 'vector', samples };
}

export function asVector(v: Value): Sample[] {
  if (v.type !== 'vector') throw new Error(`internal: expected an instant vector, got ${v.type}`);
  return v.samples;
}

export function asScalar(v: Value): number {
  if (v.type !== 'scalar') throw new Error(`internal: expected a scalar, got ${v.type}`);
  return v.v;
}

export function asMatrix(v: Value): RangeSeries[] {
  if (v.type !== 'matrix') throw new Error(`internal: expected a range vector, got ${v.type}`);
  return v.series;
}
