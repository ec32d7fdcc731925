import { formatDuration } from '../util/duration.ts';
import type { Reporter, RunInfo } from './reporter.ts';
import type { RunResult } from './run-result.ts';
import { buildScorecardRows } from './scorecard-lines.ts';
import { formatPercent, formatTime } from './format.ts';

/** A readable scorecard per run, and a table when several runs were made. */
export class ConsoleReporter implements Reporter {
  constructor(private readonly write: (text: string) => void = (t) => process.stdout.write(t)) {}

  onRunStart(info: RunInfo): void {
    this.write(`\n▶ ${info.scenario} × ${info.stack} on ${info.backend}, seed ${info.seed}\n`);
  }

  onRunEnd(result: RunResult, dir: string): void {
    const rows = buildScorecardRows(result);
    const width = Math.max(...rows.map(([k]) => k.length));
    const mark = result.scorecard.verdict === 'pass' ? '✔' : '✘';
    const lines = rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
    lines[0] = `  ${mark} ${rows[0][1]}`;
    this.write(`${lines.join('\n')}\n  ${'files'.padEnd(width)}  ${dir}/{timeline.jsonl,truth.jsonl,result.json,summary.md,summary.html}\n`);
    this.write(`  ${'simulated'.padEnd(width)}  ${formatDuration(result.record.scenario.baselineMs + result.record.scenario.durationMs)} in ${formatDuration(result.wallMs)} wall\n`);
  }

  onSuiteEnd(results: RunResult[]): void {
    if (results.length < 2) return;
    const header = ['scenario', 'stack', 'seed', 'verdict', 'TTD', 'FDRT', 'bad requests'];
    const body = results.map((r) => [
      r.record.scenario.name, r.record.stack.name, String(r.record.seed), r.scorecard.verdict,
      r.scorecard.bad || r.scorecard.detection ? formatTime(r.scorecard.detection?.ttdMs) : '-', r.scorecard.bad ? formatTime(r.scorecard.fdrtMs) : '-',
      `${r.scorecard.blastRadius.badRequests} (${formatPercent(r.scorecard.blastRadius.share, 2)})`,
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
    const fmt = (row: string[]): string => `  ${row.map((c, i) => c.padEnd(widths[i])).join('  ')}`;
    const passed = results.filter((r) => r.scorecard.verdict === 'pass').length;
    this.write(`\n${fmt(header)}\n${body.map(fmt).join('\n')}\n\n  ${passed}/${results.length} runs passed\n`);
  }
}
