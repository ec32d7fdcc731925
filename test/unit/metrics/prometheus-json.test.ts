import { describe, expect, it } from 'vitest';
import { toApiValue } from '../../../src/metrics/prometheus-json.ts';

describe('toApiValue (Prometheus util/jsonutil.MarshalFloat)', () => {
  // Expected strings printed by Go 1.26 running MarshalFloat's logic (strconv.AppendFloat with 'f',
  // or 'e' under 1e-6 and from 1e21): found by the HTTP API comparison against Prometheus 3.16.
  it.each([
    [7.664248727785145e+199, '7.664248727785145e+199'], [1e21, '1e+21'], [999999999999999900000, '999999999999999900000'],
    [1e-7, '1e-07'], [0.000001, '0.000001'], [0, '0'], [-1e-7, '-1e-07'], [Infinity, '+Inf'], [-Infinity, '-Inf'],
    [NaN, 'NaN'], [1.5e-10, '1.5e-10'], [123.456, '123.456'], [5e-324, '5e-324'],
  ])('formats %d as Go does', (v, text) => {
    expect(toApiValue(v)).toBe(text);
  });
});
