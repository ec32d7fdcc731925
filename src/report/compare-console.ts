import type { Comparison } from '../suite/index.ts';
import { describeMethod, listComparisonRows, summarizeComparison } from './compare-rows.ts';

/** A comparison for the terminal: the rows that moved, then the verdict. */
export function renderComparisonText(c: Comparison): string {
  const rows = listComparisonRows(c).map((r) => [r.status, r.cell, r.metric, r.baseline, r.current, r.change]);
  const header = ['', 'scenario × stack', 'metric', 'baseline', 'current', 'change'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const fmt = (row: string[]): string => `  ${row.map((cell, i) => cell.padEnd(widths[i])).join('  ')}`.trimEnd();
  const table = rows.length ? `${[fmt(header), ...rows.map(fmt)].join('\n')}\n\n` : '  nothing moved beyond the noise\n\n';
  const verdict = c.verdict === 'regressed' ? '✘ REGRESSION' : '✔ no regression';
  return `compare ${c.baseline.name} (${c.baseline.runs} runs) -> ${c.current.name} (${c.current.runs} runs)\n\n${table}  ${summarizeComparison(c)}\n  ${describeMethod(c)}\n  ${verdict}\n`;
}
