import type { Labels } from './labels.ts';
import type { QueryResult } from './metric-source.ts';
import { formatGoFloat } from './promql/go-float-format.ts';

/**
 * The `data` field of Prometheus's /api/v1/query and /api/v1/query_range answers, and back:
 * times are float seconds, values are strings ("NaN", "+Inf" included), formatted as Go does.
 */
export type PrometheusData =
  | { resultType: 'scalar' | 'string'; result: [number, string] }
  | { resultType: 'vector'; result: { metric: Labels; value: [number, string] }[] }
  | { resultType: 'matrix'; result: { metric: Labels; values: [number, string][] }[] };

/** Milliseconds to the API's seconds (Go's jsonutil.MarshalTimestamp keeps 3 decimals). */
export function toApiTime(ms: number): number {
  return ms / 1000;
}

/**
 * Go's util/jsonutil.MarshalFloat: 'f' layout, but 'e' for magnitudes under 1e-6 or from 1e21 on
 * (the json-iterator workaround Prometheus copied), so exp(500) is "1.4035922178528375e+217".
 */
export function toApiValue(v: number): string {
  const abs = Math.abs(v);
  return formatGoFloat(v, abs !== 0 && (abs < 1e-6 || abs >= 1e21) ? 'e' : 'f');
}

/** Labels with names in order, as Prometheus's JSON lists them. */
function sortedMetric(m: Labels): Labels {
  const out: Record<string, string> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}

export function toPrometheusData(r: QueryResult): PrometheusData {
  switch (r.resultType) {
    case 'scalar':
      return { resultType: 'scalar', result: [toApiTime(r.result[0]), toApiValue(r.result[1])] };
    case 'string':
      return { resultType: 'string', result: [toApiTime(r.result[0]), r.result[1]] };
    case 'vector':
      return { resultType: 'vector', result: r.result.map((s) => ({ metric: sortedMetric(s.metric), value: [toApiTime(s.value[0]), toApiValue(s.value[1])] })) };
    case 'matrix':
      return {
        resultType: 'matrix',
        result: r.result.map((s) => ({ metric: sortedMetric(s.metric), values: s.values.map(([t, v]) => [toApiTime(t), toApiValue(v)] as [number, string]) })),
      };
  }
}

/** Parses a real server's `data` (strings to numbers, seconds to ms). */
export function fromPrometheusData(d: PrometheusData): QueryResult {
  const ms = (t: number): number => Math.round(t * 1000);
  switch (d.resultType) {
    case 'scalar':
      return { resultType: 'scalar', result: [ms(d.result[0]), parseApiValue(d.result[1])] };
    case 'string':
      return { resultType: 'string', result: [ms(d.result[0]), d.result[1]] };
    case 'vector':
      return { resultType: 'vector', result: d.result.map((s) => ({ metric: s.metric, value: [ms(s.value[0]), parseApiValue(s.value[1])] })) };
    case 'matrix':
      return {
        resultType: 'matrix',
        result: d.result.map((s) => ({ metric: s.metric, values: s.values.map(([t, v]) => [ms(t), parseApiValue(v)] as [number, number]) })),
      };
  }
}

export function parseApiValue(v: string): number {
  if (v === '+Inf' || v === 'Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  return Number(v);
}
