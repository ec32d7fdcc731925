import type { Rng } from '../../../src/util/rng.ts';

/**
 * A random grammar of the PromQL this project supports, over the series of generate-data.ts.
 * Left out on purpose, because Prometheus 2.42 (the oracle) and 3.x (our target) answer them
 * differently or 2.42 lacks them: experimental 3.x functions (sort_by_label, limitk,
 * mad_over_time, ...), holt_winters/double_exponential_smoothing, label_replace onto __name__
 * (delayed name removal), regexes meeting newlines, and native histograms.
 * Every range, offset and subquery step is a whole number of seconds (see generate-data.ts).
 * With `boundaries` (the 3.x reference, whose semantics the engine follows) window edges are meant
 * to fall on samples: `@` times are whole seconds, half of them on a sample, and the 2.42-only
 * precautions inside subqueries (1ms offsets, no `@`) are dropped.
 */
export interface QueryContext {
  rng: Rng;
  /** `@` times are drawn from [atMin, atMax] ms, with the same ms jitter as eval times. */
  atMin: number;
  atMax: number;
  jitterMin: number;
  /** Window edges on samples (3.x reference); needs `interval`, the data's sample spacing in ms. */
  boundaries?: boolean;
  interval?: number;
  /** Set while generating the inside of a subquery. */
  insideSubquery?: boolean;
}

function withinSubquery<T>(ctx: QueryContext, f: () => T): T {
  const saved = ctx.insideSubquery;
  ctx.insideSubquery = true;
  try {
    return f();
  } finally {
    ctx.insideSubquery = saved;
  }
}

/**
 * Expressions with continuous, finite values: no two series tie (Prometheus breaks topk ties by
 * series creation order, which differs between servers) and no ±Inf/NaN (which 2.42 and 3.x
 * aggregate differently in avg, stddev and stdvar).
 */
function continuousExpr(ctx: QueryContext): string {
  const { rng } = ctx;
  const range = pick(rng, RANGES);
  return pick(rng, [
    `rate(${selector(ctx, 'counter')}[${range}])`,
    `increase(${selector(ctx, 'counter')}[${range}])`,
    `irate(${selector(ctx, 'counter')}[${range}])`,
    `${selector(ctx, 'gauge')}`,
    `avg_over_time(${selector(ctx, 'gauge')}[${range}])`,
    `deriv(${selector(ctx, 'gauge')}[${range}])`,
    `predict_linear(${selector(ctx, 'gauge')}[${range}], 300)`,
    `sum by (service, instance) (rate(http_requests_total[${range}]))`,
    `${selector(ctx, 'gauge')} * 1.5 - 20`,
  ]);
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)];

const RANGES = ['1m', '2m', '5m', '10m'];
const COUNTER_FUNCS = ['rate', 'irate', 'increase', 'resets', 'changes'];
const GAUGE_FUNCS = ['delta', 'idelta', 'deriv', 'avg_over_time', 'min_over_time', 'max_over_time', 'sum_over_time', 'count_over_time',
  'last_over_time', 'stddev_over_time', 'stdvar_over_time', 'present_over_time', 'changes'];
const MATH = ['abs', 'ceil', 'floor', 'round', 'ln', 'log2', 'log10', 'sqrt', 'exp'];
const AGGS = ['sum', 'avg', 'min', 'max', 'count', 'group', 'stddev', 'stdvar'];
const LABELS = ['service', 'instance', 'code'];

function matchers(ctx: QueryContext, kind: 'counter' | 'gauge' | 'bucket'): string {
  const { rng } = ctx;
  const options = [
    'service="a"', 'service!="b"', 'service=~"a|b"', 'service!~"b"', 'instance="1"', 'instance=~"0|1"', 'instance!="0"',
    ...(kind === 'counter' ? ['code="500"', 'code=~"5.."', 'code!="500"', 'code!~"2.."'] : []),
  ];
  const n = rng.int(3);
  const chosen = new Set<string>();
  for (let i = 0; i < n; i++) chosen.add(pick(rng, options));
  return chosen.size ? `{${[...chosen].join(', ')}}` : '';
}

function modifiers(ctx: QueryContext): string {
  const { rng } = ctx;
  let out = '';
  const r = rng.next();
  if (r < 0.12) out += ` offset ${pick(rng, ['30s', '1m', '5m', '-1m', '-30s'])}`;
  // No @ inside subqueries for 2.42: it moves an @-pinned range with each subquery step when a
  // time-dependent function (predict_linear) wraps it; 3.x keeps it pinned.
  else if (r < 0.17 && (!ctx.insideSubquery || ctx.boundaries)) out += ` @ ${atTime(ctx)}`;
  return out;
}

/**
 * An @ time in seconds. Without boundaries: three decimals, the milliseconds above jitterMin.
 * With them: whole seconds, half of them exactly on a sample.
 */
function atTime(ctx: QueryContext): string {
  const { rng } = ctx;
  if (ctx.boundaries) return String(drawBoundaryTime(rng, ctx.atMin, ctx.atMax, ctx.interval!) / 1000);
  const seconds = Math.floor((ctx.atMin + rng.next() * (ctx.atMax - ctx.atMin)) / 1000);
  const ms = ctx.jitterMin + 1 + rng.int(999 - ctx.jitterMin);
  return `${seconds}.${String(ms).padStart(3, '0')}`;
}

/** A whole-second time in [min, max] ms; every other one exactly on a sample (a multiple of interval). */
export function drawBoundaryTime(rng: Rng, min: number, max: number, interval: number): number {
  if (rng.next() < 0.5) {
    const first = Math.ceil(min / interval);
    return (first + rng.int(Math.floor(max / interval) - first + 1)) * interval;
  }
  return Math.floor((min + rng.next() * (max - min)) / 1000) * 1000;
}

function selector(ctx: QueryContext, kind: 'counter' | 'gauge' | 'bucket'): string {
  const name = { counter: 'http_requests_total', gauge: 'queue_depth', bucket: 'request_duration_seconds_bucket' }[kind];
  return `${name}${matchers(ctx, kind)}`;
}

function rangeCall(ctx: QueryContext, depth: number): string {
  const { rng } = ctx;
  const r = rng.next();
  if (r < 0.45) return `${pick(rng, COUNTER_FUNCS)}(${selector(ctx, 'counter')}[${pick(rng, RANGES)}]${modifiers(ctx)})`;
  if (r < 0.8) {
    const fn = pick(rng, [...GAUGE_FUNCS, 'quantile_over_time', 'predict_linear']);
    const sel = `${selector(ctx, 'gauge')}[${pick(rng, RANGES)}]${modifiers(ctx)}`;
    if (fn === 'quantile_over_time') return `quantile_over_time(${pick(rng, ['0', '0.5', '0.9', '1'])}, ${sel})`;
    if (fn === 'predict_linear') return `predict_linear(${sel}, ${pick(rng, ['60', '300', '3600'])})`;
    return `${fn}(${sel})`;
  }
  // A subquery. Its steps fall on whole multiples of the step, so for 2.42 a subquery evaluated
  // inside another one (at the outer step times) gets a 1ms offset: otherwise its window edges
  // would fall exactly on its own points, where 2.42's closed windows and 3.x's left-open ones differ.
  const nested = ctx.insideSubquery === true && !ctx.boundaries;
  const inner = depth > 1 ? withinSubquery(ctx, () => vectorExpr(ctx, depth - 2)) : `rate(${selector(ctx, 'counter')}[1m])`;
  const [range, step] = pick(rng, [['5m', '30s'], ['10m', '1m'], ['3m', '20s'], ['6m', '2m']] as const);
  const fn = pick(rng, ['max_over_time', 'min_over_time', 'avg_over_time', 'sum_over_time', 'count_over_time', 'last_over_time', 'stddev_over_time']);
  const offset = nested ? ` offset ${pick(rng, ['1ms', '-1ms', '1m1ms'])}` : rng.next() < 0.2 ? ` offset ${pick(rng, ['1m', '2m', '-1m'])}` : '';
  if (fn === 'stddev_over_time') return `${fn}((${continuousExpr(ctx)})[${range}:${step}]${offset})`;
  return `${fn}((${inner})[${range}:${step}]${offset})`;
}

function grouping(ctx: QueryContext): string {
  const { rng } = ctx;
  const r = rng.next();
  if (r < 0.3) return '';
  const labels = LABELS.filter(() => rng.next() < 0.5);
  return ` ${r < 0.7 ? 'by' : 'without'} (${labels.join(', ')})`;
}

export function vectorExpr(ctx: QueryContext, depth: number): string {
  const { rng } = ctx;
  if (depth <= 0) {
    return rng.next() < 0.5 ? rangeCall(ctx, 0) : `${selector(ctx, rng.next() < 0.5 ? 'counter' : 'gauge')}${modifiers(ctx)}`;
  }
  const r = rng.next();
  const sub = (): string => vectorExpr(ctx, depth - 1);
  if (r < 0.2) return rangeCall(ctx, depth);
  if (r < 0.35) {
    const op = pick(rng, AGGS);
    const arg = ['sum', 'avg', 'stddev', 'stdvar'].includes(op) ? continuousExpr(ctx) : sub();
    return `${op}${grouping(ctx)} (${arg})`;
  }
  if (r < 0.42) {
    const op = pick(rng, ['topk', 'bottomk', 'quantile']);
    const param = op === 'quantile' ? pick(rng, ['0', '0.25', '0.5', '0.9', '1']) : pick(rng, ['1', '2', '3']);
    return `${op}${grouping(ctx)} (${param}, ${op === 'quantile' ? sub() : continuousExpr(ctx)})`;
  }
  if (r < 0.47) return `${pick(rng, MATH)}(${sub()})`;
  if (r < 0.52) return pick(rng, [`clamp(${sub()}, 10, 100)`, `clamp_min(${sub()}, 50)`, `clamp_max(${sub()}, 50)`, `round(${sub()}, 0.5)`, `timestamp(${selector(ctx, 'gauge')})`]);
  if (r < 0.6) {
    // Exponents stay small: Go changed math.Pow for integer exponents (repeated squaring up to
    // 127), so the 2.42 build and 3.x builds differ in the last bit of x ^ 100.
    // `%` of a huge value shows its last bits (exp() in Go and JS may differ there): moderate
    // values only.
    const op = pick(rng, ['+', '-', '*', '/', '%', '^']);
    const lhs = op === '%' ? continuousExpr(ctx) : sub();
    return `${lhs} ${op} ${pick(rng, op === '^' ? ['2', '0.5', '3'] : ['2', '0.5', '100', '3'])}`;
  }
  if (r < 0.66) return `${sub()} ${pick(rng, ['>', '<', '>=', '<=', '==', '!='])}${rng.next() < 0.5 ? ' bool' : ''} ${pick(rng, ['0', '1', '50', '100'])}`;
  if (r < 0.76) return joined(ctx, depth);
  if (r < 0.82) return histogramQuantile(ctx);
  if (r < 0.86) return `label_replace(${sub()}, "svc", "x-$1", "service", "(.*)")`;
  if (r < 0.88) return `label_join(${sub()}, "si", "-", "service", "instance")`;
  if (r < 0.91) return pick(rng, ['absent(nonexistent_metric)', 'absent(http_requests_total{service="zzz"})', `absent(${selector(ctx, 'gauge')})`,
    'absent_over_time(nonexistent_metric[5m])', `absent_over_time(${selector(ctx, 'gauge')}[1m])`]);
  // count_values turns values into labels, where a last-bit difference (Go's math.Pow is not
  // JS's **) would show: only small rounded values.
  if (r < 0.94) return `count_values("value", round(${continuousExpr(ctx)}))`;
  if (r < 0.97) return `vector(${scalarExpr(ctx, depth - 1)})`;
  return `sort_desc(${sub()})`;
}

/** Binary operations between two vectors, with the matching a real AnalysisTemplate would use. */
function joined(ctx: QueryContext, depth: number): string {
  const { rng } = ctx;
  const range = pick(rng, RANGES);
  switch (rng.int(6)) {
    case 0:
      return `sum by (service) (rate(http_requests_total{code="500"}[${range}])) / sum by (service) (rate(http_requests_total[${range}]))`;
    case 1:
      return `rate(http_requests_total{code="500"}[${range}]) / ignoring(code) rate(http_requests_total{code="200"}[${range}])`;
    case 2:
      return `sum by (service, instance) (rate(http_requests_total[${range}])) * on(service) group_left(version) service_info`;
    case 3:
      return `service_info * on(service) group_right(version) queue_depth`;
    case 4:
      return `${vectorExpr(ctx, depth - 1)} ${pick(rng, ['and', 'or', 'unless'])}${pick(rng, ['', ' on(service)', ' ignoring(code)', ' on(service, instance)'])} ${vectorExpr(ctx, depth - 1)}`;
    default: {
      const op = pick(rng, ['>', '<', '-', '+', '/']);
      const bool = (op === '>' || op === '<') && rng.next() < 0.5 ? ' bool' : '';
      return `queue_depth ${op}${bool} on(service, instance) queue_depth offset ${pick(rng, ['1m', '5m'])}`;
    }
  }
}

function histogramQuantile(ctx: QueryContext, topLevel = false): string {
  const { rng } = ctx;
  // Out-of-range quantiles give ±Inf: only where nothing aggregates them further.
  const q = pick(rng, topLevel ? ['0', '0.5', '0.9', '0.99', '1', '1.5', '-1'] : ['0', '0.5', '0.9', '0.99', '1']);
  const range = pick(rng, RANGES);
  if (rng.next() < 0.5) return `histogram_quantile(${q}, sum by (le, service) (rate(request_duration_seconds_bucket[${range}])))`;
  return `histogram_quantile(${q}, rate(${selector(ctx, 'bucket')}[${range}]))`;
}

export function scalarExpr(ctx: QueryContext, depth: number): string {
  const { rng } = ctx;
  const r = rng.next();
  if (depth <= 0 || r < 0.3) return pick(rng, ['1', '2.5', '100', 'time()', 'pi()']);
  if (r < 0.7) return `scalar(${vectorExpr(ctx, depth - 1)})`;
  return `${scalarExpr(ctx, depth - 1)} ${pick(rng, ['+', '-', '*', '/'])} ${scalarExpr(ctx, depth - 1)}`;
}

/** One query: mostly instant vectors, some scalars. */
export function randomQuery(ctx: QueryContext): string {
  const r = ctx.rng.next();
  if (r < 0.03) return histogramQuantile(ctx, true);
  return r < 0.9 ? vectorExpr(ctx, 1 + ctx.rng.int(3)) : scalarExpr(ctx, 2);
}
