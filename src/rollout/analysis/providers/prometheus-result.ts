/**
 * Response → `result` (metricproviders/prometheus/prometheus.go:processResponse): a scalar binds a
 * float, a vector a []float64 in series order (possibly empty: "no data" is an empty list, not
 * nil), a matrix every sample of every series flattened; anything else is an error.
 */
import type { QueryResult } from '../../../metrics/metric-source.ts';
import { bindFloat, bindFloats, type BoundResult } from '../expr/bound-result.ts';
import { formatGoFloat } from './format-go-float.ts';

export interface BoundPrometheusResult {
  result: BoundResult;
  /** The measurement's stored value: `0.95`, `NaN`, `[1,2]`, `[]`. */
  value: string;
}

export function bindPrometheusResult(res: QueryResult): BoundPrometheusResult | { error: string } {
  switch (res.resultType) {
    case 'scalar':
      return { result: bindFloat(res.result[1]), value: formatGoFloat(res.result[1]) };
    case 'vector':
      return bindList(res.result.map((s) => s.value[1]));
    case 'matrix':
      return bindList(res.result.flatMap((s) => s.values.map((v) => v[1])));
    default:
      return { error: 'Prometheus metric type not supported' };
  }
}

function bindList(values: number[]): BoundPrometheusResult {
  return { result: bindFloats(values), value: `[${values.map(formatGoFloat).join(',')}]` };
}
