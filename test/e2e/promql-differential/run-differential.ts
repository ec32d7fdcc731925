import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatLabels, labelsKey, type Labels } from '../../../src/metrics/labels.ts';
import { PromqlEngine } from '../../../src/metrics/promql/engine.ts';
import { loadSeriesFile } from '../../../src/metrics/series-file/series-file.ts';
import { createRng } from '../../../src/util/rng.ts';
import { generateGroup } from './generate-data.ts';
import { drawBoundaryTime, randomQuery, type QueryContext } from './generate-queries.ts';
import { askPromtool, type OracleAnswer, type OracleQuery } from './promtool-oracle.ts';

/**
 * The embedded engine against Prometheus's own (`promtool test rules`) on seeded random series and
 * queries. Two profiles:
 *  - away from boundaries (for 2.42, whose closed windows 3.x replaced with left-open ones):
 *    sample times at whole seconds plus k ms, query times with more ms than samples, so no window
 *    edge meets a sample (generate-data.ts);
 *  - with boundaries (for 3.x, the semantics the engine follows): samples every 15 s or 10 s from
 *    0, every other query exactly on a sample, so with whole-minute ranges window edges meet samples.
 */
export interface DifferentialOptions {
  promtool: string;
  boundaries: boolean;
  seed: number;
}

export interface DifferentialReport {
  total: number;
  mismatches: string[];
  nonEmpty: number;
  bothFailed: number;
  /** Queries evaluated exactly at a sample time (their range windows start on one too). */
  onSample: number;
}

const REL_TOLERANCE = 1e-9;
const QUERIES_PER_GROUP = 520;

export function runDifferential(opts: DifferentialOptions): DifferentialReport {
  const groups = opts.boundaries ? [{ interval: 15_000, slots: 241 }, { interval: 10_000, slots: 361 }] : [{ interval: 15_001, slots: 241 }, { interval: 10_001, slots: 361 }];
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-promql-diff-'));
  const report: DifferentialReport = { total: 0, mismatches: [], nonEmpty: 0, bothFailed: 0, onSample: 0 };
  try {
    for (const g of groups) {
      // The 2.42 profile keeps the fork names its recorded results came from.
      const rng = createRng(opts.seed).fork(`group-${opts.boundaries ? 'boundaries-' : ''}${g.interval}`);
      const group = generateGroup(rng.fork('data'), g.interval, g.slots, { anyResets: opts.boundaries });
      const engine = new PromqlEngine(loadSeriesFile(`load ${g.interval}ms\n${group.lines.join('\n')}\n`));
      const end = (g.slots - 1) * g.interval;
      const ctx: QueryContext = { rng: rng.fork('queries'), atMin: 10 * 60_000, atMax: end, jitterMin: g.slots, boundaries: opts.boundaries, interval: g.interval };
      const queries: OracleQuery[] = [];
      for (let i = 0; i < QUERIES_PER_GROUP; i++) queries.push({ expr: randomQuery(ctx), at: drawEvalTime(ctx, end, g.slots, opts.boundaries) });
      const answers = askPromtool(opts.promtool, dir, group, queries);
      queries.forEach((q, i) => {
        report.total++;
        if (q.at % g.interval === 0) report.onSample++;
        const ours = evaluate(engine, q);
        const theirs = answers[i];
        if (!ours.ok && !theirs.ok) report.bothFailed++;
        if (ours.ok && ours.samples.length > 0) report.nonEmpty++;
        const why = compare(ours, theirs);
        if (why) report.mismatches.push(`${q.expr} @ ${q.at}ms (interval ${g.interval}ms): ${why}`);
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return report;
}

export function formatDifferentialReport(label: string, r: DifferentialReport, seed: number): string {
  return `PromQL differential vs ${label}: ${r.total} queries (${r.onSample} exactly on a sample time), ${r.mismatches.length} mismatches, ` +
    `${r.nonEmpty} with non-empty results, ${r.bothFailed} rejected by both (seed ${seed})`;
}

/** From 20 minutes on (every range has data). */
function drawEvalTime(ctx: QueryContext, end: number, slots: number, boundaries: boolean): number {
  const min = 20 * 60_000;
  if (boundaries) return drawBoundaryTime(ctx.rng, min, end, ctx.interval!);
  const seconds = Math.floor((min + ctx.rng.next() * (end - min)) / 1000);
  // Whole seconds plus milliseconds above the slot count: never a sample time (see generate-data.ts).
  return seconds * 1000 + slots + 1 + ctx.rng.int(999 - slots);
}

function evaluate(engine: PromqlEngine, q: OracleQuery): OracleAnswer {
  try {
    const r = engine.instantQuery(q.expr, q.at);
    if (r.resultType === 'scalar') return { ok: true, samples: [{ labels: {}, value: r.result[1] }] };
    if (r.resultType === 'vector') return { ok: true, samples: r.result.map((s) => ({ labels: s.metric, value: s.value[1] })) };
    return { ok: false, error: `unexpected ${r.resultType} result` };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** Why two answers differ, or undefined when they agree (relative 1e-9, NaN equals NaN). */
function compare(ours: OracleAnswer, theirs: OracleAnswer): string | undefined {
  if (!ours.ok || !theirs.ok) {
    if (!ours.ok && !theirs.ok) return undefined;
    return ours.ok ? `Prometheus failed (${(theirs as { error: string }).error}), we did not` : `we failed (${ours.error}), Prometheus did not`;
  }
  const mine = new Map(ours.samples.map((s) => [labelsKey(s.labels), s]));
  const other = new Map(theirs.samples.map((s) => [labelsKey(s.labels), s]));
  for (const [k, s] of other) {
    const m = mine.get(k);
    if (!m) return `missing ${show(s.labels, s.value)}`;
    if (!close(m.value, s.value)) return `${formatLabels(s.labels)}: ${m.value} != ${s.value} (Prometheus)`;
  }
  for (const [k, s] of mine) if (!other.has(k)) return `extra ${show(s.labels, s.value)}`;
  return undefined;
}

function close(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  return Math.abs(a - b) <= REL_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

function show(labels: Labels, value: number): string {
  return `${formatLabels(labels)} ${value}`;
}
