import type { Comparison } from '../suite/index.ts';
import { describeMethod, listComparisonRows, summarizeComparison } from './compare-rows.ts';
import { escapeCell } from './format.ts';

/** A comparison as Markdown for a PR comment: verdict, what moved beyond the noise, flaky cells, the method. */
export function renderComparisonMarkdown(c: Comparison): string {
  const rows = listComparisonRows(c);
  const head = c.verdict === 'regressed' ? '✘ regression' : '✔ no regression';
  const lines = [
    `## firedrill compare: ${head}`,
    '',
    `Baseline \`${c.baseline.name}\` (${c.baseline.runs} runs, ${c.baseline.backend}) → current \`${c.current.name}\` (${c.current.runs} runs, ${c.current.backend}). ${summarizeComparison(c)}.`,
    '',
  ];
  if (rows.length) {
    lines.push('| | scenario × stack | metric | baseline | current | change |', '|---|---|---|---|---|---|');
    for (const r of rows) lines.push(`| ${r.status} | ${escapeCell(r.cell)} | \`${r.metric}\` | ${escapeCell(r.baseline)} | ${escapeCell(r.current)} | ${escapeCell(r.change)} |`);
    lines.push('');
  } else {
    lines.push('Nothing moved beyond the noise.', '');
  }
  const added = c.cells.filter((x) => x.status === 'new' || x.status === 'removed');
  if (added.length) lines.push(`Only on one side: ${added.map((x) => `${x.scenario} × ${x.stack} (${x.status})`).join(', ')}.`, '');
  lines.push(`<sub>${describeMethod(c)}</sub>`, '');
  return lines.join('\n');
}
