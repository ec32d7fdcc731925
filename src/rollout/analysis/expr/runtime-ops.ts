/**
 * Operators at run time, as in expr-lang v1.17.8 vm/runtime (helpers[generated].go, runtime.go):
 * int op int stays int (64-bit), any float makes a float, `/` and `**` are always float, NaN
 * compares false, and a type mismatch panics with "invalid operation: T1 op T2", which Argo turns
 * into an Error measurement.
 */
import { ExprError } from './expr-error.ts';
import { ExprDuration, ExprTime, goTypeName, isFloat64Slice, isNumeric, markFloat64Slice, type ExprValue } from './expr-values.ts';

const wrap64 = (n: bigint): bigint => BigInt.asIntN(64, n);

function invalid(op: string, a: ExprValue, b: ExprValue): ExprError {
  return new ExprError(`invalid operation: ${goTypeName(a)} ${op} ${goTypeName(b)}`);
}

export function equalValues(a: ExprValue, b: ExprValue): boolean {
  if (isNumeric(a) && isNumeric(b)) {
    return typeof a === 'bigint' && typeof b === 'bigint' ? a === b : Number(a) === Number(b);
  }
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b;
  if (a instanceof ExprTime && b instanceof ExprTime) return a.ms === b.ms;
  if (a instanceof ExprDuration && b instanceof ExprDuration) return a.ms === b.ms;
  if (a === null || b === null) return a === b;
  // reflect.DeepEqual: same Go type, equal elements (NaN never equals itself).
  if (Array.isArray(a) && Array.isArray(b)) {
    return goTypeName(a) === goTypeName(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (a instanceof Map && b instanceof Map) {
    return a.size === b.size && [...a].every(([k, v]) => b.has(k) && deepEqual(v, b.get(k) ?? null));
  }
  return false;
}

function deepEqual(a: ExprValue, b: ExprValue): boolean {
  if (typeof a !== typeof b) return false;
  return equalValues(a, b);
}

/** Less, More, LessOrEqual, MoreOrEqual. */
export function compareValues(op: '<' | '>' | '<=' | '>=', a: ExprValue, b: ExprValue): boolean {
  let x: number | bigint | string;
  let y: number | bigint | string;
  if (isNumeric(a) && isNumeric(b)) {
    if (typeof a === 'bigint' && typeof b === 'bigint') [x, y] = [a, b];
    else [x, y] = [Number(a), Number(b)];
  } else if (typeof a === 'string' && typeof b === 'string') {
    [x, y] = [a, b];
  } else if ((a instanceof ExprTime && b instanceof ExprTime) || (a instanceof ExprDuration && b instanceof ExprDuration)) {
    [x, y] = [a.ms, b.ms];
  } else {
    throw invalid(op, a, b);
  }
  switch (op) {
    case '<': return x < y;
    case '>': return x > y;
    case '<=': return x <= y;
    case '>=': return x >= y;
  }
}

export function arithmetic(op: string, a: ExprValue, b: ExprValue): ExprValue {
  if (isNumeric(a) && isNumeric(b)) return numericOp(op, a, b);
  if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
  if (a instanceof ExprTime && b instanceof ExprDuration && (op === '+' || op === '-')) {
    return new ExprTime(op === '+' ? a.ms + b.ms : a.ms - b.ms);
  }
  if (op === '+' && a instanceof ExprDuration && b instanceof ExprTime) return new ExprTime(a.ms + b.ms);
  if (op === '-' && a instanceof ExprTime && b instanceof ExprTime) return new ExprDuration(a.ms - b.ms);
  if (a instanceof ExprDuration && b instanceof ExprDuration && (op === '+' || op === '-')) {
    return new ExprDuration(op === '+' ? a.ms + b.ms : a.ms - b.ms);
  }
  throw invalid(op === '^' ? '**' : op, a, b);
}

function numericOp(op: string, a: bigint | number, b: bigint | number): ExprValue {
  const ints = typeof a === 'bigint' && typeof b === 'bigint';
  switch (op) {
    case '+': return ints ? wrap64((a as bigint) + (b as bigint)) : Number(a) + Number(b);
    case '-': return ints ? wrap64((a as bigint) - (b as bigint)) : Number(a) - Number(b);
    case '*': return ints ? wrap64((a as bigint) * (b as bigint)) : Number(a) * Number(b);
    case '/': return Number(a) / Number(b);
    case '**':
    case '^': return Math.pow(Number(a), Number(b));
    case '%': {
      if (!ints) throw invalid('%', a, b);
      if (b === 0n) throw new ExprError('runtime error: integer divide by zero');
      return (a as bigint) % (b as bigint);
    }
  }
  throw new ExprError(`unknown operator (${op})`);
}

export function negateValue(op: '-' | '+', v: ExprValue): ExprValue {
  if (typeof v === 'bigint') return op === '-' ? wrap64(-v) : v;
  if (typeof v === 'number') return op === '-' ? -v : v;
  throw new ExprError(`invalid operation: ${op}${goTypeName(v)}`);
}

/** runtime.go:In. */
export function inValues(needle: ExprValue, haystack: ExprValue): boolean {
  if (haystack === null) return false;
  if (Array.isArray(haystack)) return haystack.some((x) => equalValues(x, needle));
  if (haystack instanceof Map) return typeof needle === 'string' && haystack.has(needle);
  throw new ExprError(`operator "in" not defined on ${goTypeName(haystack)}`);
}

/** runtime.go:Fetch for `a[i]` and `a.b`: negative indexes count from the end; a missing map key is nil. */
export function fetchValue(from: ExprValue, key: ExprValue): ExprValue {
  if (Array.isArray(from) || typeof from === 'string') {
    if (!isNumeric(key)) throw new ExprError(`cannot fetch ${String(key)} from ${goTypeName(from)}`);
    let index = Math.trunc(Number(key));
    const length = from.length;
    if (index < 0) index = length + index;
    if (index < 0 || index >= length) throw new ExprError(`index out of range: ${index} (array length is ${length})`);
    return typeof from === 'string' ? BigInt(from.charCodeAt(index)) : from[index];
  }
  if (from instanceof Map) return typeof key === 'string' ? (from.get(key) ?? null) : null;
  throw new ExprError(`cannot fetch ${key === null ? '<nil>' : String(key)} from ${goTypeName(from)}`);
}

/** runtime.go:Slice: bounds are clamped, never an error. */
export function sliceValue(from: ExprValue, start: ExprValue | undefined, end: ExprValue | undefined): ExprValue {
  if (!Array.isArray(from) && typeof from !== 'string') throw new ExprError(`cannot slice ${goTypeName(from)}`);
  const length = from.length;
  let a = start === undefined ? 0 : Math.trunc(Number(start));
  let b = end === undefined ? length : Math.trunc(Number(end));
  if (a < 0) a = Math.max(0, length + a);
  if (b < 0) b = Math.max(0, length + b);
  b = Math.min(b, length);
  a = Math.min(a, b);
  if (typeof from === 'string') return from.slice(a, b);
  const out = from.slice(a, b);
  return isFloat64Slice(from) ? markFloat64Slice(out) : out;
}

export function toBool(v: ExprValue): boolean {
  if (typeof v !== 'boolean') throw new ExprError(`interface conversion: interface {} is ${goTypeName(v)}, not bool`);
  return v;
}
