/**
 * Builtins at run time (expr-lang v1.17.8 builtin/builtin.go, builtin/lib.go, compiler.go for the
 * predicate loops): `all` over an empty list is true, `any` false, `sum` of nothing is int 0,
 * `mean`/`median` of nothing 0.0, `first`/`last` of an empty list nil.
 */
import type { NodeOf } from './expr-ast.ts';
import { ExprError } from './expr-error.ts';
import { ExprDuration, ExprTime, formatGoValue, goTypeName, isNumeric, type ExprValue } from './expr-values.ts';
import type { ExprRunner } from './run-expr.ts';
import { arithmetic, compareValues, fetchValue, toBool } from './runtime-ops.ts';
import { parseGoDuration } from '../../../util/go-duration.ts';

export function runBuiltin(r: ExprRunner, node: NodeOf<'builtin'>): ExprValue {
  const loop = PREDICATE_LOOPS[node.name];
  if (loop) {
    const collection = r.run(node.args[0]);
    if (!Array.isArray(collection)) throw new ExprError(`reflect: call of reflect.Value.Len on ${goTypeName(collection)} Value`);
    const predicate = node.args[1];
    const test = (el: ExprValue, i: number): ExprValue =>
      predicate ? r.withElement(el, { index: BigInt(i) }, () => r.run(predicate)) : el;
    return loop(collection, test);
  }
  const args = node.args.map((a) => r.run(a));
  const fn = PLAIN[node.name];
  if (fn) return fn(args, r.nowMs);
  throw new ExprError(`builtin ${node.name} is not supported by firedrill`);
}

type Loop = (items: ExprValue[], test: (el: ExprValue, i: number) => ExprValue) => ExprValue;

const PREDICATE_LOOPS: Record<string, Loop> = {
  all: (items, test) => items.every((el, i) => toBool(test(el, i))),
  any: (items, test) => items.some((el, i) => toBool(test(el, i))),
  none: (items, test) => items.every((el, i) => !toBool(test(el, i))),
  one: (items, test) => items.filter((el, i) => toBool(test(el, i))).length === 1,
  filter: (items, test) => items.filter((el, i) => toBool(test(el, i))),
  map: (items, test) => items.map((el, i) => test(el, i)),
  count: (items, test) => BigInt(items.filter((el, i) => toBool(test(el, i))).length),
  sum: (items, test) => items.reduce<ExprValue>((acc, el, i) => arithmetic('+', test(el, i), acc), 0n),
  find: (items, test) => items.find((el, i) => toBool(test(el, i))) ?? null,
  findIndex: (items, test) => BigInt(items.findIndex((el, i) => toBool(test(el, i)))),
  findLast: (items, test) => items.findLast((el, i) => toBool(test(el, i))) ?? null,
  findLastIndex: (items, test) => BigInt(items.findLastIndex((el, i) => toBool(test(el, i)))),
};

function numberArg(name: string, v: ExprValue): number | bigint {
  if (!isNumeric(v)) throw new ExprError(`invalid argument for ${name} (type ${goTypeName(v)})`);
  return v;
}

/** Flattens numeric arguments for max/min/mean/median (lib.go: nested arrays are walked). */
function numbersOf(name: string, args: ExprValue[]): (number | bigint)[] {
  const out: (number | bigint)[] = [];
  const walk = (v: ExprValue): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else out.push(numberArg(name, v));
  };
  args.forEach(walk);
  return out;
}

function minMax(name: 'max' | 'min', args: ExprValue[]): ExprValue {
  let best: number | bigint | null = null;
  for (const v of numbersOf(name, args)) {
    if (best === null || compareValues(name === 'max' ? '<' : '>', best, v)) best = v;
  }
  return best;
}

function toGoInt(v: ExprValue): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt.asIntN(64, BigInt(Math.trunc(Number.isFinite(v) ? v : 0)));
  if (typeof v === 'string' && /^[+-]?\d+$/.test(v)) return BigInt(v);
  throw new ExprError(`invalid operation: int(${typeof v === 'string' ? v : goTypeName(v)})`);
}

function toGoFloat(v: ExprValue): number {
  if (isNumeric(v)) return Number(v);
  if (typeof v === 'string' && v.trim() === v && v !== '' && !Number.isNaN(Number(v))) return Number(v);
  throw new ExprError(`invalid operation: float(${typeof v === 'string' ? v : goTypeName(v)})`);
}

const roundWith = (name: string, f: (x: number) => number) => ([v]: ExprValue[]): ExprValue => Number(f(Number(numberArg(name, v))));

/** Go's math.Round rounds half away from zero; Math.round rounds half up. */
const goRound = (x: number): number => (x < 0 ? -Math.round(-x) : Math.round(x));

const PLAIN: Record<string, (args: ExprValue[], nowMs: number) => ExprValue> = {
  len: ([v]) => {
    if (Array.isArray(v)) return BigInt(v.length);
    if (typeof v === 'string') return BigInt([...v].length);
    if (v instanceof Map) return BigInt(v.size);
    throw new ExprError(`invalid argument for len (type ${goTypeName(v)})`);
  },
  abs: ([v]) => {
    const n = numberArg('abs', v);
    return typeof n === 'bigint' ? (n < 0n ? -n : n) : Math.abs(n);
  },
  ceil: roundWith('ceil', Math.ceil),
  floor: roundWith('floor', Math.floor),
  round: roundWith('round', goRound),
  int: ([v]) => toGoInt(v),
  float: ([v]) => toGoFloat(v),
  string: ([v]) => formatGoValue(v),
  type: ([v]) => goTypeLabel(v),
  max: (args) => minMax('max', args),
  min: (args) => minMax('min', args),
  mean: (args) => {
    const xs = numbersOf('mean', args);
    return xs.length === 0 ? 0 : xs.reduce<number>((a, x) => a + Number(x), 0) / xs.length;
  },
  median: (args) => {
    const xs = numbersOf('median', args).map(Number).sort((a, b) => a - b);
    const n = xs.length;
    if (n === 0) return 0;
    return n % 2 === 1 ? xs[(n - 1) / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
  },
  first: ([v]) => (Array.isArray(v) && v.length > 0 ? fetchValue(v, 0n) : null),
  last: ([v]) => (Array.isArray(v) && v.length > 0 ? fetchValue(v, -1n) : null),
  upper: ([v]) => String(v).toUpperCase(),
  lower: ([v]) => String(v).toLowerCase(),
  trim: ([v]) => String(v).trim(),
  keys: ([v]) => (v instanceof Map ? [...v.keys()] : []),
  values: ([v]) => (v instanceof Map ? [...v.values()] : []),
  now: (_args, nowMs) => new ExprTime(nowMs),
  duration: ([v]) => {
    const parsed = parseGoDuration(typeof v === 'string' ? v : String(v));
    if (!parsed.ok) throw new ExprError(parsed.error);
    return new ExprDuration(parsed.ms);
  },
};

function goTypeLabel(v: ExprValue): string {
  if (v === null) return 'nil';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Map) return 'map';
  return 'time';
}

