/**
 * A provider result as the condition sees it: the value plus its Go static type. Argo hands the
 * Go value to expr (`expr.Env(map[string]any{"result": v})`), so the type checker sees float64 for
 * a Prometheus scalar, []float64 for a vector, and the encoding/json shapes for a web metric.
 */
import { fromJson, markFloat64Slice, type ExprValue } from './expr-values.ts';
import { BOOL, FLOAT, NIL, STRING, UNKNOWN, arrayOf, mapOf, type Nature } from './nature.ts';

export interface BoundResult {
  value: ExprValue;
  nature: Nature;
}

/** A Prometheus scalar (prometheus.go:processResponse, `*model.Scalar`). */
export function bindFloat(value: number): BoundResult {
  return { value, nature: FLOAT };
}

/** A Prometheus vector or flattened matrix: always []float64, possibly empty. */
export function bindFloats(values: number[]): BoundResult {
  return { value: markFloat64Slice([...values]), nature: arrayOf(FLOAT) };
}

/** A non-JSON web response body (webmetric.go:parseResponse evaluates the raw string). */
export function bindString(value: string): BoundResult {
  return { value, nature: STRING };
}

/** A value found by JSONPath in a decoded JSON body ([]interface{}, map[string]interface{}, ...). */
export function bindJson(value: unknown): BoundResult {
  const v = fromJson(value);
  return { value: v, nature: natureOfJson(v) };
}

function natureOfJson(v: ExprValue): Nature {
  if (v === null) return NIL;
  if (typeof v === 'boolean') return BOOL;
  if (typeof v === 'number') return FLOAT;
  if (typeof v === 'string') return STRING;
  if (Array.isArray(v)) return arrayOf(UNKNOWN);
  return mapOf(UNKNOWN);
}
