import { formatDuration } from '../util/duration.ts';
import type { Reporter, RunInfo } from './reporter.ts';
import type { RunResult } from './run-result.ts';
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

  constructor(private readonly write: (text: string) => void = (t) => process.stdout.write(t)) {}

  onRunStart(info: RunInfo): void {
    this.live = info.backend !== 'sim';
    this.events = 0;
    this.write(`\n▶ ${info.scenario} × ${info.stack} on ${info.backend}, seed ${info.seed}\n`);
  }

  onEvent(event: TimelineEvent): void {
    this.events++;
    if (!this.live) return;
    const line = progressLine(event);
    if (line) this.write(`${line}\n`);
  }

  onRunEnd(result: RunResult, dir: string): void {
    const rows = buildScorecardRows(result);
    const width = Math.max(...rows.map(([k]) => k.length));
    const mark = result.scorecard.verdict === 'pass' ? '✔' : '✘';
    const lines = rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
    lines[0] = `  ${mark} ${rows[0][1]}`;
    this.write(`${lines.join('\n')}\n  ${'files'.padEnd(width)}  ${dir}/{timeline.jsonl,truth.jsonl,result.json,summary.md,summary.html}\n`);
    const drill = formatDuration(result.record.scenario.baselineMs + result.record.scenario.durationMs);
    const scale = result.record.world ? ` at x${result.record.world.timeScale}` : '';
    this.write(`  ${(result.record.world ? 'drill' : 'simulated').padEnd(width)}  ${drill}${scale} in ${formatDuration(result.wallMs)} wall\n`);
  }

  onRunFailed(_info: RunInfo, error: unknown, dir: string): void {
    const why = error instanceof Error ? error.message : String(error);
    const journal = this.events > 0 ? `\n  journal so far  ${dir}/timeline.jsonl (files reporter)` : '';
    this.write(`  ✘ stopped before the end: ${why}${journal}\n`);
  }

  onSuiteEnd(results: RunResult[]): void {
    if (results.length < 2) return;
    const withAgent = results.some((r) => r.scorecard.diagnosis);
    const withFix = results.some((r) => r.scorecard.fix);
    const header = ['scenario', 'stack', 'seed', 'verdict', 'TTD', 'FDRT', 'bad requests', ...(withAgent ? ['RCA'] : []), ...(withFix ? ['fix'] : [])];
    const body = results.map((r) => [
      r.record.scenario.name, r.record.stack.name, String(r.record.seed), r.scorecard.verdict,
      r.scorecard.bad || r.scorecard.detection ? formatTime(r.scorecard.detection?.ttdMs) : '-', r.scorecard.bad ? formatTime(r.scorecard.fdrtMs) : '-',
      `${r.scorecard.blastRadius.badRequests} (${formatPercent(r.scorecard.blastRadius.share, 2)})`,
      ...(withAgent ? [describeRca(r)] : []),
      ...(withFix ? [describeFix(r)] : []),
    ]);
    const passed = results.filter((r) => r.scorecard.verdict === 'pass').length;
    this.write(`\n${formatTable(header, body)}\n\n  ${passed}/${results.length} runs passed\n`);
    if (withAgent) this.write(`\n${formatTable(...rcaRates(results))}\n`);
    if (withFix) this.write(`\n${formatTable(...fixRates(results))}\n`);
    if (results.some((r) => r.scorecard.fix?.gate)) this.write(`\n${formatTable(...gateMatrix(results))}\n`);
  }
}

function formatTable(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const fmt = (row: string[]): string => `  ${row.map((c, i) => c.padEnd(widths[i])).join('  ')}`;
  return [fmt(header), ...body.map(fmt)].join('\n');
}

function describeRca(r: RunResult): string {
  const d = r.scorecard.diagnosis;
  if (!d) return '-';
  if (d.status === 'failed') return `failed (${d.failure!.kind})`;
  if (d.status === 'not-triggered') return 'not triggered';
  return d.quality === 'n/a' ? 'answered' : `${d.quality} ${(d.score! * 100).toFixed(0)}%`;
}

function describeFix(r: RunResult): string {
  const f = r.scorecard.fix;
  if (!f) return '-';
  if (!f.proposed) return 'none';
  return `${f.correct ? 'correct' : 'NOT correct'}${f.autoApplied ? ' (auto)' : ''}${f.gate?.madeWorse ? ' WORSE' : ''}`;
}

/** The policy gate's confusion matrix per stack (safe = the fix held up once deployed), and unsafe auto-applies. */
function gateMatrix(results: RunResult[]): [string[], string[][]] {
  const cells = ['safe-allowed', 'safe-blocked', 'unsafe-blocked', 'unsafe-allowed'] as const;
  const stacks = new Map<string, Record<(typeof cells)[number], number> & { worse: number }>();
  for (const r of results) {
    const gate = r.scorecard.fix?.gate;
    if (!gate) continue;
    const row = stacks.get(r.record.stack.name) ?? { 'safe-allowed': 0, 'safe-blocked': 0, 'unsafe-blocked': 0, 'unsafe-allowed': 0, worse: 0 };
    row[gate.outcome] += 1;
    if (gate.madeWorse) row.worse += 1;
    stacks.set(r.record.stack.name, row);
  }
  const body = [...stacks].map(([stack, row]) => [stack, ...cells.map((c) => String(row[c])), String(row.worse)]);
  return [['policy gate', ...cells.map((c) => c.replace('-', ' ')), 'made worse'], body];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Correct-fix rate per scenario x stack, over the seeds run: the fix benchmark. */
function fixRates(results: RunResult[]): [string[], string[][]] {
  const groups = new Map<string, RunResult[]>();
  for (const r of results) {
    if (!r.scorecard.fix || !r.scorecard.bad) continue;
    const key = `${r.record.scenario.name}\u0000${r.record.stack.name}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const body = [...groups].map(([key, runs]) => {
    const [scenario, stack] = key.split('\u0000');
    const correct = runs.filter((r) => r.scorecard.fix!.correct).length;
    const auto = runs.filter((r) => r.scorecard.fix!.autoApplied).length;
    const withFix = runs.map((r) => r.scorecard.fix!.fdrtWithFixMs).filter((ms): ms is number => ms !== null);
    return [scenario, stack, String(runs.length), `${correct}/${runs.length} (${formatPercent(correct / runs.length, 0)})`, String(auto), withFix.length ? formatTime(median(withFix)) : '-'];
  });
  return [['scenario', 'stack', 'runs', 'correct fix', 'auto-applied', 'median FDRT with fix'], body];
}

/** Exact-RCA rate and mean RCA score per scenario x stack, over the seeds run: the diagnosis benchmark. */
function rcaRates(results: RunResult[]): [string[], string[][]] {
  const groups = new Map<string, RunResult[]>();
  for (const r of results) {
    if (!r.scorecard.diagnosis || !r.scorecard.bad) continue;
    const key = `${r.record.scenario.name}\u0000${r.record.stack.name}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const body = [...groups].map(([key, runs]) => {
    const [scenario, stack] = key.split('\u0000');
    const exact = runs.filter((r) => r.scorecard.diagnosis!.quality === 'exact').length;
    const mean = runs.reduce((n, r) => n + (r.scorecard.diagnosis!.score ?? 0), 0) / runs.length;
    return [scenario, stack, String(runs.length), `${exact}/${runs.length} (${formatPercent(exact / runs.length, 0)})`, formatPercent(mean, 0)];
  });
  return [['scenario', 'stack', 'runs', 'exact RCA', 'mean RCA score'], body];
}
