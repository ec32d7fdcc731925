import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLabels, labelsKey, type Labels } from '../../../src/metrics/labels.ts';
import { PromqlEngine } from '../../../src/metrics/promql/engine.ts';
import { loadSeriesFile } from '../../../src/metrics/series-file/series-file.ts';
import { createRng } from '../../../src/util/rng.ts';
import { generateGroup } from './generate-data.ts';
import { randomQuery, type QueryContext } from './generate-queries.ts';
import { askPromtool, hasPromtool, type OracleAnswer, type OracleQuery } from './promtool-oracle.ts';

// The embedded engine against Prometheus's own (promtool test rules, Prometheus 2.42 here) on
// seeded random series and queries. See generate-data.ts and generate-queries.ts for how the
// data and the grammar avoid the places where 2.42 and 3.x semantics differ.
const SEED = Number(process.env.PROMQL_DIFF_SEED ?? 20_260_826);
const GROUPS = [
  { interval: 15_001, slots: 241, queries: 520 },
  { interval: 10_001, slots: 361, queries: 520 },
];
const REL_TOLERANCE = 1e-9;

describe('PromQL differential test against a real Prometheus engine (promtool test rules)', () => {
  if (!hasPromtool()) {
    it.skip('skipped: promtool is not installed (apt-get install -y --no-install-recommends prometheus)', () => {});
    return;
  }
  it('gives the same answers on 1000+ random queries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-promql-diff-'));
    const mismatches: string[] = [];
    let total = 0;
    let bothFailed = 0;
    let nonEmpty = 0;
    try {
      for (const g of GROUPS) {
        const rng = createRng(SEED).fork(`group-${g.interval}`);
        const group = generateGroup(rng.fork('data'), g.interval, g.slots);
        const engine = new PromqlEngine(loadSeriesFile(`load ${g.interval}ms\n${group.lines.join('\n')}\n`));
        const end = (g.slots - 1) * g.interval;
        const ctx: QueryContext = { rng: rng.fork('queries'), atMin: 10 * 60_000, atMax: end, jitterMin: g.slots };
        const queries: OracleQuery[] = [];
        for (let i = 0; i < g.queries; i++) {
          const seconds = Math.floor((20 * 60_000 + ctx.rng.next() * (end - 20 * 60_000)) / 1000);
          // Whole seconds plus milliseconds above the slot count: never a sample time (see generate-data.ts).
          queries.push({ expr: randomQuery(ctx), at: seconds * 1000 + g.slots + 1 + ctx.rng.int(999 - g.slots) });
        }
        const answers = askPromtool(dir, group, queries);
        queries.forEach((q, i) => {
          total++;
          const ours = evaluate(engine, q);
          const theirs = answers[i];
          if (!ours.ok && !theirs.ok) bothFailed++;
          if (ours.ok && ours.samples.length > 0) nonEmpty++;
          const why = compare(ours, theirs);
          if (why) mismatches.push(`${q.expr} @ ${q.at}ms (interval ${g.interval}ms): ${why}`);
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(`PromQL differential: ${total} queries, ${mismatches.length} mismatches, ${nonEmpty} with non-empty results, ${bothFailed} rejected by both (seed ${SEED})`);
    expect(total).toBeGreaterThanOrEqual(1000);
    expect(mismatches.slice(0, 20)).toEqual([]);
  }, 120_000);
});

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
