import type { Call } from '../../syntax-tree.ts';
import { goSort } from '../go-sort.ts';
import { compareLabels } from '../label-ops.ts';
import { asScalar, asVector, scalar, vector, type Sample, type Value } from '../values.ts';
import { naturalLess } from './natural-order.ts';
import { absentLabels } from './absent-labels.ts';

/** Functions over instant vectors and scalars, from promql/functions.go. */
export interface InstantCall {
  ts: number;
  expr: Call;
}

export type InstantFunction = (args: Value[], call: InstantCall) => Value;

/** Applies f to every sample; the result no longer is the metric, so its name goes. */
function mapFloats(f: (v: number) => number): InstantFunction {
  return (args) => vector(asVector(args[0]).map((s) => ({ ...s, f: f(s.f), dropName: true })));
}

function clamp(vec: Sample[], min: number, max: number): Value {
  if (max < min) return vector([]);
  return vector(vec.map((s) => ({ ...s, f: Math.max(min, Math.min(max, s.f)), dropName: true })));
}

/** Date functions read the sample values as Unix seconds, or default to the evaluation time. */
function dateFunction(f: (d: Date) => number): InstantFunction {
  return (args, call) => {
    if (args.length === 0) return vector([{ metric: {}, f: f(new Date(Math.trunc(call.ts / 1000) * 1000)), t: call.ts, dropName: false }]);
    return vector(asVector(args[0]).map((s) => ({ ...s, f: f(new Date(goTruncSeconds(s.f) * 1000)), dropName: true })));
  };
}

/** int64(f) in Go: truncation; out-of-range and NaN give the minimum int64. */
function goTruncSeconds(f: number): number {
  if (Number.isNaN(f) || f >= 9.2e18 || f <= -9.2e18) return -62135596800;
  return Math.trunc(f);
}

function daysInMonth(d: Date): number {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

function dayOfYear(d: Date): number {
  return Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/** sort()/sort_desc(): Go's sort.Sort(sort.Reverse(...)) over value heaps, NaN always last. */
function sortByValue(desc: boolean): InstantFunction {
  return (args) => {
    const v = [...asVector(args[0])];
    // vectorByReverseValueHeap (sort) / vectorByValueHeap (sort_desc) reversed.
    const heapLess = (a: Sample, b: Sample): boolean => (Number.isNaN(a.f) ? true : desc ? a.f < b.f : a.f > b.f);
    return vector(goSort(v, (a, b) => heapLess(b, a)));
  };
}

function sortByLabel(desc: boolean): InstantFunction {
  return (args, call) => {
    const names = call.expr.args.slice(1).map((a) => (a.kind === 'string' ? a.value : ''));
    const v = [...asVector(args[0])];
    v.sort((a, b) => {
      for (const n of names) {
        const [x, y] = [a.metric[n] ?? '', b.metric[n] ?? ''];
        if (x === y) continue;
        return naturalLess(x, y) !== desc ? -1 : 1;
      }
      return desc ? -compareLabels(a.metric, b.metric) : compareLabels(a.metric, b.metric);
    });
    return vector(v);
  };
}

function round(args: Value[]): Value {
  // Prometheus divides by the inverse: fewer floating point surprises.
  const inverse = 1 / (args.length >= 2 ? asScalar(args[1]) : 1);
  return vector(asVector(args[0]).map((s) => ({ ...s, f: Math.floor(s.f * inverse + 0.5) / inverse, dropName: true })));
}

export const INSTANT_FUNCTIONS: Record<string, InstantFunction> = {
  abs: mapFloats(Math.abs), ceil: mapFloats(Math.ceil), floor: mapFloats(Math.floor), exp: mapFloats(Math.exp),
  sqrt: mapFloats(Math.sqrt), ln: mapFloats(Math.log), log2: mapFloats(Math.log2), log10: mapFloats(Math.log10),
  sin: mapFloats(Math.sin), cos: mapFloats(Math.cos), tan: mapFloats(Math.tan), asin: mapFloats(Math.asin),
  acos: mapFloats(Math.acos), atan: mapFloats(Math.atan), sinh: mapFloats(Math.sinh), cosh: mapFloats(Math.cosh),
  tanh: mapFloats(Math.tanh), asinh: mapFloats(Math.asinh), acosh: mapFloats(Math.acosh), atanh: mapFloats(Math.atanh),
  rad: mapFloats((v) => (v * Math.PI) / 180),
  deg: mapFloats((v) => (v * 180) / Math.PI),
  sgn: mapFloats((v) => (v < 0 ? -1 : v > 0 ? 1 : v)),
  clamp: (a) => clamp(asVector(a[0]), asScalar(a[1]), asScalar(a[2])),
  clamp_max: (a) => clamp(asVector(a[0]), -Infinity, asScalar(a[1])),
  clamp_min: (a) => clamp(asVector(a[0]), asScalar(a[1]), Infinity),
  round,
  pi: () => scalar(Math.PI),
  time: (_a, c) => scalar(c.ts / 1000),
  min_of: (a) => scalar(Math.min(asScalar(a[0]), asScalar(a[1]))),
  max_of: (a) => scalar(Math.max(asScalar(a[0]), asScalar(a[1]))),
  vector: (a, c) => vector([{ metric: {}, f: asScalar(a[0]), t: c.ts, dropName: false }]),
  scalar: (a) => {
    const v = asVector(a[0]);
    return scalar(v.length === 1 ? v[0].f : Number.NaN);
  },
  timestamp: (a) => vector(asVector(a[0]).map((s) => ({ ...s, f: s.t / 1000, dropName: true }))),
  absent: (a, c) =>
    asVector(a[0]).length > 0 ? vector([]) : vector([{ metric: absentLabels(c.expr.args[0]), f: 1, t: c.ts, dropName: false }]),
  sort: sortByValue(false),
  sort_desc: sortByValue(true),
  sort_by_label: sortByLabel(false),
  sort_by_label_desc: sortByLabel(true),
  days_in_month: dateFunction(daysInMonth),
  day_of_month: dateFunction((d) => d.getUTCDate()),
  day_of_week: dateFunction((d) => d.getUTCDay()),
  day_of_year: dateFunction(dayOfYear),
  hour: dateFunction((d) => d.getUTCHours()),
  minute: dateFunction((d) => d.getUTCMinutes()),
  month: dateFunction((d) => d.getUTCMonth() + 1),
  year: dateFunction((d) => d.getUTCFullYear()),
};
