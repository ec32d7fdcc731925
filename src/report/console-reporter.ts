import { formatDuration } from '../util/duration.ts';
import type { Reporter, RunInfo } from './reporter.ts';
import type { RunResult } from './run-result.ts';
import type { RunSummary, SuitePlan, SuiteResult } from '../suite/index.ts';
import type { Scorecard } from '../scoring/scorecard.ts';
import { describeFailure, listSuiteCells } from './suite-cells.ts';
import { describeFix, fixRates, gateMatrix } from './fix-tables.ts';
import { join } from 'node:path';
import { buildScorecardRows } from './scorecard-lines.ts';
import { formatPercent, formatTime } from './format.ts';
import { progressLine } from './progress-line.ts';
import type { TimelineEvent } from '../timeline/events.ts';

/**
 * A readable scorecard per run, and a table when several runs were made. On a wall-clock backend
 * it also prints the notable events as they happen; on sim a run takes seconds and they would
 * only bury the scorecard.
 */
export class ConsoleReporter implements Reporter {
  private live = false;
  private events = 0;
  /** Several runs: one line each as they end, the tables at the end. */
  private compact = false;

  /**
   * @param reportFiles the suite-level files the other chosen reporters write (listed at the end)
   */
  constructor(
    private readonly write: (text: string) => void = (t) => process.stdout.write(t),
    private readonly reportFiles: string[] = [],
  ) {}

  onSuiteStart(plan: SuitePlan, dir: string, resumed: readonly RunSummary[]): void {
    this.compact = plan.runs.length > 1;
    if (!this.compact) return;
    const left = plan.runs.length - resumed.length;
    this.write(`suite ${plan.name}: ${plan.runs.length} runs on ${plan.backend}${resumed.length ? ` (${resumed.length} finished before, ${left} to run)` : ''} -> ${dir}\n`);
  }

  onRunStart(info: RunInfo): void {
    this.live = info.backend !== 'sim';
    this.events = 0;
    if (this.compact && !this.live) return;
    this.write(`\n▶ ${info.scenario} × ${info.stack} on ${info.backend}, seed ${info.seed}\n`);
  }

  onEvent(event: TimelineEvent): void {
    this.events++;
    if (!this.live) return;
    const line = progressLine(event);
    if (line) this.write(`${line}\n`);
  }

  onRunEnd(result: RunResult, dir: string): void {
    if (this.compact) {
      this.write(`${describeRunLine(result)}\n`);
      return;
    }
    const rows = buildScorecardRows(result);
    const width = Math.max(...rows.map(([k]) => k.length));
    const mark = result.scorecard.verdict === 'pass' ? '✔' : '✘';
    const lines = rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
    lines[0] = `  ${mark} ${rows[0][1]}`;
    this.write(`${lines.join('\n')}\n  ${'files'.padEnd(width)}  ${dir}/\n`);
    const drill = formatDuration(result.record.scenario.baselineMs + result.record.scenario.durationMs);
    const scale = result.record.world ? ` at x${result.record.world.timeScale}` : '';
    this.write(`  ${(result.record.world ? 'drill' : 'simulated').padEnd(width)}  ${drill}${scale} in ${formatDuration(result.wallMs)} wall\n`);
  }

  onRunFailed(_info: RunInfo, error: unknown, dir: string): void {
    const why = error instanceof Error ? error.message : String(error);
    const journal = this.events > 0 ? `\n  journal so far  ${dir}/timeline.jsonl (files reporter)` : '';
    this.write(`  ✘ stopped before the end: ${why}${journal}\n`);
  }

  onSuiteEnd(suite: SuiteResult, dir: string): void {
    if (suite.planned > 1) {
      const withAgent = suite.runs.some((r) => r.scorecard.diagnosis);
      const withFix = suite.runs.some((r) => r.scorecard.fix);
      const header = ['scenario', 'stack', 'seed', 'verdict', 'TTD', 'FDRT', 'bad requests', ...(withAgent ? ['RCA'] : []), ...(withFix ? ['fix'] : [])];
      const body = suite.runs.map((r) => [
        r.scenario, r.stack, String(r.seed), r.scorecard.verdict,
        r.scorecard.bad || r.scorecard.detection ? formatTime(r.scorecard.detection?.ttdMs) : '-', r.scorecard.bad ? formatTime(r.scorecard.fdrtMs) : '-',
        `${r.scorecard.blastRadius.badRequests} (${formatPercent(r.scorecard.blastRadius.share, 2)})`,
        ...(withAgent ? [describeRca(r.scorecard.diagnosis)] : []),
        ...(withFix ? [describeFix(r.scorecard.fix)] : []),
      ]);
      const passed = suite.runs.filter((r) => r.scorecard.verdict === 'pass').length;
      this.write(`\n${formatTable(header, body)}\n\n  ${passed}/${suite.runs.length} runs passed their own verdict\n`);
      if (withAgent) this.write(`\n${formatTable(...rcaRates(suite))}\n`);
      if (withFix) this.write(`\n${formatTable(...fixRates(suite))}\n`);
      if (suite.runs.some((r) => r.scorecard.fix?.gate)) this.write(`\n${formatTable(...gateMatrix(suite.runs))}\n`);
      if (suite.maturity.length) this.write(`\n${formatTable(...maturityRows(suite))}\n`);
    }
    this.write(`\n${suite.shard ? describeShard(suite) : describeExpectations(suite)}\n`);
    if (this.reportFiles.length) this.write(`  reports  ${this.reportFiles.map((f) => join(dir, f)).join(', ')}\n`);
  }
}

/** `✔ error-spike × l1 seed 3: TTD 2m30s, FDRT 2m27s, 0.51% bad (4.1s wall)`. */
function describeRunLine(r: RunResult): string {
  const s = r.scorecard;
  const parts = s.bad ? [`TTD ${formatTime(s.detection?.ttdMs)}`, `FDRT ${formatTime(s.fdrtMs)}`] : [s.rollback ? 'false rollback' : 'no rollback', `${s.pages} pages`];
  parts.push(`${formatPercent(s.blastRadius.share, 2)} bad`);
  if (s.diagnosis) parts.push(`RCA ${describeRca(s.diagnosis)}`);
  if (s.fix) parts.push(`fix ${describeFix(s.fix)}`);
  return `  ${s.verdict === 'pass' ? '✔' : '✘'} ${r.record.scenario.name} × ${r.record.stack.name} seed ${r.record.seed}: ${parts.join(', ')} (${formatDuration(r.wallMs)} wall)`;
}

function formatTable(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const fmt = (row: string[]): string => `  ${row.map((c, i) => c.padEnd(widths[i])).join('  ')}`;
  return [fmt(header), ...body.map(fmt)].join('\n');
}

function describeRca(d: Scorecard['diagnosis']): string {
  if (!d) return '-';
  if (d.status === 'failed') return `failed (${d.failure!.kind})`;
  if (d.status === 'not-triggered') return 'not triggered';
  return d.quality === 'n/a' ? 'answered' : `${d.quality} ${(d.score! * 100).toFixed(0)}%`;
}

/** Exact-RCA rate and mean RCA score per scenario x stack, over the seeds run: the diagnosis benchmark. */
function rcaRates(suite: SuiteResult): [string[], string[][]] {
  const body = listSuiteCells(suite)
    .filter((c) => c.bad && c.runs.some((r) => r.scorecard.diagnosis))
    .map((c) => {
      const runs = c.runs.filter((r) => r.scorecard.diagnosis);
      const exact = runs.filter((r) => r.scorecard.diagnosis!.quality === 'exact').length;
      const mean = runs.reduce((n, r) => n + (r.scorecard.diagnosis!.score ?? 0), 0) / runs.length;
      return [c.scenario, c.stack, String(runs.length), `${exact}/${runs.length} (${formatPercent(exact / runs.length, 0)})`, formatPercent(mean, 0)];
    });
  return [['scenario', 'stack', 'runs', 'exact RCA', 'mean RCA score'], body];
}

/** The CARM level and DORA tier each stack reached, with what stopped it going higher. */
function maturityRows(suite: SuiteResult): [string[], string[][]] {
  const body = suite.maturity.map((m) => {
    const next = m.checks.find((c) => !c.holds);
    return [m.stack, m.declared, m.reached, `${m.dora.tier} (FDRT p50 ${formatTime(m.dora.fdrtMedianMs)}, CFR ${formatPercent(m.dora.changeFailureRate, 0)})`, next ? `${next.level}: ${next.numbers}` : '-'];
  });
  return [['stack', 'declared', 'CARM reached', 'DORA tier', 'first unmet level'], body];
}

/** A shard judges nothing: its runs count once merged with the other shards'. */
function describeShard(suite: SuiteResult): string {
  const { index, count, plan } = suite.shard!;
  return `  shard ${index}/${count} of suite ${suite.name}: ${suite.runs.length} of its ${suite.planned} runs finished (${plan.planned} in the suite)\n  expectations and maturity are judged on the merged result: firedrill merge SHARD_DIR...`;
}

/** Every expectation with ✔ or ✘, and under each failed one where it failed (the seeds to look at). */
function describeExpectations(suite: SuiteResult): string {
  const lines = suite.expectations.map((e) => {
    const failed = e.groups.filter((g) => !g.pass).map((g) => `      ${describeFailure(e, g)}`);
    return [`  ${e.pass ? '✔' : '✘'} ${e.id}${e.note ? ` — ${e.note}` : ''}`, ...failed].join('\n');
  });
  const unfinished = suite.runs.length < suite.planned ? `\n  ✘ only ${suite.runs.length} of ${suite.planned} planned runs finished` : '';
  const failed = suite.expectations.filter((e) => !e.pass).length;
  const verdict = suite.verdict === 'pass' ? `PASS: ${suite.expectations.length} expectation(s) held` : `FAIL: ${failed} of ${suite.expectations.length} expectation(s) failed${unfinished ? ' or runs missing' : ''}`;
  return `  expectations of suite ${suite.name}\n${lines.join('\n')}${unfinished}\n  ${verdict}`;
}
