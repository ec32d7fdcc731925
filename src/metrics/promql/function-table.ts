import type { ValueType } from './syntax-tree.ts';

/**
 * Signatures of PromQL functions, as in Prometheus's parser/functions.go (3.x). `variadic`:
 * 0 = exactly argTypes; n > 0 = the last argument type may repeat up to n times in total
 * (it may also be left out); -1 = the last argument type may repeat without limit.
 */
export interface FunctionDef {
  name: string;
  argTypes: ValueType[];
  variadic: number;
  returnType: ValueType;
  experimental: boolean;
}

const V: ValueType = 'vector';
const M: ValueType = 'matrix';
const S: ValueType = 'scalar';
const STR: ValueType = 'string';

type Row = [name: string, args: ValueType[], ret: ValueType, variadic?: number, experimental?: boolean];

const ROWS: Row[] = [
  ['abs', [V], V], ['absent', [V], V], ['absent_over_time', [M], V],
  ['acos', [V], V], ['acosh', [V], V], ['asin', [V], V], ['asinh', [V], V], ['atan', [V], V], ['atanh', [V], V],
  ['avg_over_time', [M], V], ['ceil', [V], V], ['changes', [M], V],
  ['clamp', [V, S, S], V], ['clamp_max', [V, S], V], ['clamp_min', [V, S], V],
  ['cos', [V], V], ['cosh', [V], V], ['count_over_time', [M], V],
  ['days_in_month', [V], V, 1], ['day_of_month', [V], V, 1], ['day_of_week', [V], V, 1], ['day_of_year', [V], V, 1],
  ['deg', [V], V], ['delta', [M], V], ['deriv', [M], V],
  ['double_exponential_smoothing', [M, S, S], V, 0, true],
  ['end', [], S, 0, true], ['exp', [V], V], ['first_over_time', [M], V], ['floor', [V], V],
  ['histogram_avg', [V], V], ['histogram_count', [V], V], ['histogram_sum', [V], V],
  ['histogram_stddev', [V], V], ['histogram_stdvar', [V], V],
  ['histogram_fraction', [S, S, V], V], ['histogram_quantile', [S, V], V],
  ['histogram_quantiles', [V, STR, S, S], V, 9, true],
  ['hour', [V], V, 1], ['idelta', [M], V], ['increase', [M], V], ['irate', [M], V],
  ['label_replace', [V, STR, STR, STR, STR], V], ['label_join', [V, STR, STR, STR], V, -1],
  ['last_over_time', [M], V], ['ln', [V], V], ['log10', [V], V], ['log2', [V], V],
  ['mad_over_time', [M], V, 0, true], ['max_of', [S, S], S, 0, true], ['max_over_time', [M], V],
  ['min_of', [S, S], S, 0, true], ['min_over_time', [M], V], ['minute', [V], V, 1], ['month', [V], V, 1],
  ['pi', [], S], ['predict_linear', [M, S], V], ['present_over_time', [M], V],
  ['quantile_over_time', [S, M], V], ['rad', [V], V], ['range', [], S, 0, true], ['rate', [M], V],
  ['resets', [M], V], ['round', [V, S], V, 1], ['scalar', [V], S], ['sgn', [V], V],
  ['sin', [V], V], ['sinh', [V], V], ['sort', [V], V], ['sort_desc', [V], V],
  ['sort_by_label', [V, STR], V, -1, true], ['sort_by_label_desc', [V, STR], V, -1, true],
  ['sqrt', [V], V], ['start', [], S, 0, true], ['step', [], S, 0, true],
  ['stddev_over_time', [M], V], ['stdvar_over_time', [M], V], ['sum_over_time', [M], V],
  ['tan', [V], V], ['tanh', [V], V], ['time', [], S], ['timestamp', [V], V],
  ['ts_of_first_over_time', [M], V, 0, true], ['ts_of_last_over_time', [M], V, 0, true],
  ['ts_of_max_over_time', [M], V, 0, true], ['ts_of_min_over_time', [M], V, 0, true],
  ['vector', [S], V], ['year', [V], V, 1],
];

export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map(
  ROWS.map(([name, argTypes, returnType, variadic = 0, experimental = false]) => [
    name,
    { name, argTypes, returnType, variadic, experimental },
  ]),
);

/** Functions whose result depends on the evaluation time even with step-invariant arguments. */
export const AT_MODIFIER_UNSAFE_FUNCTIONS: ReadonlySet<string> = new Set([
  'days_in_month', 'day_of_month', 'day_of_week', 'day_of_year', 'end', 'hour', 'minute', 'month',
  'year', 'predict_linear', 'range', 'start', 'step', 'time', 'timestamp',
]);

/** Functions that only make sense on native histograms, which this engine does not store. */
export const NATIVE_HISTOGRAM_FUNCTIONS: ReadonlySet<string> = new Set([
  'histogram_avg', 'histogram_count', 'histogram_sum', 'histogram_stddev', 'histogram_stdvar',
]);
