/**
 * Go's `strconv.FormatFloat(f, 'f', -1, 64)`, which Prometheus's `model.SampleValue.String()` uses
 * for the measurement's stored value: the shortest digits that round-trip, never an exponent;
 * `NaN`, `+Inf`, `-Inf` for non-finite values.
 */
export function formatGoFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa, expText] = Math.abs(f).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const point = Number(expText) + 1;
  let text: string;
  if (point <= 0) text = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) text = digits + '0'.repeat(point - digits.length);
  else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return f < 0 ? `-${text}` : text;
}
