/**
 * Runtime values of the expr subset. Go distinguishes int and float64 (`10 / 4` is a float,
 * `7 % 2` needs ints, `string(10)` vs `string(10.5)`), so ints are `bigint` and floats `number`.
 * Maps are `Map`s with string keys (what encoding/json gives a web metric); times and durations are
 * small classes (only `now()` and `duration()` in Prometheus range queries produce them).
 */
export class ExprTime {
  constructor(readonly ms: number) {}
}

export class ExprDuration {
  constructor(readonly ms: number) {}
}

export type ExprValue =
  | null
  | boolean
  | bigint
  | number
  | string
  | ExprTime
  | ExprDuration
  | ExprValue[]
  | Map<string, ExprValue>;

/** Arrays that are Go `[]float64` (a Prometheus vector and its slices); every other array is `[]interface {}`. */
const FLOAT64_SLICES = new WeakSet<ExprValue[]>();

export function markFloat64Slice<T extends ExprValue[]>(values: T): T {
  FLOAT64_SLICES.add(values);
  return values;
}

export function isFloat64Slice(v: ExprValue): boolean {
  return Array.isArray(v) && FLOAT64_SLICES.has(v);
}

export function isNumeric(v: ExprValue): v is bigint | number {
  return typeof v === 'bigint' || typeof v === 'number';
}

/** Go's `%T` of the value as Go would hold it (for error messages). */
export function goTypeName(v: ExprValue): string {
  if (v === null) return '<nil>';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'string') return 'string';
  if (v instanceof ExprTime) return 'time.Time';
  if (v instanceof ExprDuration) return 'time.Duration';
  if (Array.isArray(v)) return FLOAT64_SLICES.has(v) ? '[]float64' : '[]interface {}';
  return 'map[string]interface {}';
}

/** Go's `%v` formatting (builtin `string()`): `10` for 10.0, `[1 2]` for a slice, `map[a:1]`. */
export function formatGoValue(v: ExprValue): string {
  if (v === null) return '<nil>';
  if (typeof v === 'number') return formatGoFloatG(v);
  if (typeof v === 'bigint' || typeof v === 'boolean' || typeof v === 'string') return String(v);
  if (v instanceof ExprTime) return new Date(v.ms).toISOString();
  if (v instanceof ExprDuration) return `${v.ms}ms`;
  if (Array.isArray(v)) return `[${v.map(formatGoValue).join(' ')}]`;
  const keys = [...v.keys()].sort();
  return `map[${keys.map((k) => `${k}:${formatGoValue(v.get(k) ?? null)}`).join(' ')}]`;
}

/** Go's `%v` for float64 (strconv 'g' with the shortest precision, exponent when large/small). */
function formatGoFloatG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const exp = f === 0 ? 0 : Math.floor(Math.log10(Math.abs(f)));
  if (exp < -4 || exp >= 21) {
    const [mant, e] = f.toExponential().split('e');
    const n = Number(e);
    return `${mant}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(f);
}

/** Converts parsed JSON (web metric bodies) to expr values: numbers are float64, objects maps. */
export function fromJson(value: unknown): ExprValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(fromJson);
  const m = new Map<string, ExprValue>();
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) m.set(k, fromJson(v));
  return m;
}
