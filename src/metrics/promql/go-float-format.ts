/**
 * Go's strconv.FormatFloat(f, fmt, -1, 64) for 'f', 'e' and 'g': the shortest digits that round
 * trip, laid out as Go does. Prometheus uses 'f' for API values and count_values labels, and
 * 'g' inside FormatOpenMetricsFloat (histogram_quantiles labels).
 */
export function formatGoFloat(f: number, fmt: 'f' | 'e' | 'g'): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const neg = f < 0 || Object.is(f, -0);
  const [mantissa, expText] = Math.abs(f).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(expText); // value = 0.digits * 10^(exp+1)
  const sign = neg ? '-' : '';
  // Go's shortest 'g' switches to an exponent below 1e-4 and from 1e6 up (eprec = 6).
  const useE = fmt === 'e' || (fmt === 'g' && (exp < -4 || exp >= 6));
  if (fmt === 'g' && !useE) return sign + fixed(digits, exp);
  if (useE) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${e}`;
  }
  return sign + fixed(digits, exp);
}

/** Digits d1d2d3... with the decimal point after position exp+1, no exponent. */
function fixed(digits: string, exp: number): string {
  const point = exp + 1;
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Prometheus's labels.FormatOpenMetricsFloat: 'g' with a ".0" added to integral values. */
export function formatOpenMetricsFloat(f: number): string {
  if (f === 1) return '1.0';
  if (f === 0) return '0.0';
  if (f === -1) return '-1.0';
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const s = formatGoFloat(f, 'g');
  return /[e.]/.test(s) ? s : `${s}.0`;
}
