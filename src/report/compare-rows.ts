import type { CellComparison, Comparison } from '../suite/index.ts';

export interface ComparisonRow {
  status: string;
  cell: string;
  metric: string;
  baseline: string;
  current: string;
  change: string;
}

const MARK: Record<string, string> = { regressed: '✘ regressed', improved: '✔ improved', flaky: '~ flaky' };

/** The metrics that moved (regressed first, then improved) and the flaky cells, one row each. */
export function listComparisonRows(c: Comparison): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  for (const verdict of ['regressed', 'improved'] as const) {
    for (const cell of c.cells) {
      for (const m of cell.metrics.filter((x) => x.verdict === verdict)) {
        rows.push({ status: MARK[verdict], cell: describeCell(cell), metric: m.metric, baseline: m.baseline, current: m.current, change: m.change });
      }
    }
  }
  for (const cell of c.cells.filter((x) => x.flaky)) {
    const pass = cell.metrics.find((m) => m.metric === 'pass');
    rows.push({ status: MARK.flaky, cell: describeCell(cell), metric: 'pass', baseline: pass?.baseline ?? '-', current: pass?.current ?? '-', change: 'seeds disagree on the verdict' });
  }
  return rows;
}

export function describeCell(cell: CellComparison): string {
  return `${cell.scenario} × ${cell.stack}`;
}

/** One line: what happened overall. */
export function summarizeComparison(c: Comparison): string {
  const count = (s: string): number => c.cells.filter((x) => x.status === s).length;
  const parts = [`${count('regressed')} regressed`, `${count('improved')} improved`, `${c.cells.filter((x) => x.flaky).length} flaky`, `${count('same')} unchanged`];
  if (count('new')) parts.push(`${count('new')} new`);
  if (count('removed')) parts.push(`${count('removed')} removed`);
  return `${c.cells.length} scenario × stack cells: ${parts.join(', ')}`;
}

/** How a change was judged, for the reader of a diff. */
export function describeMethod(c: Comparison): string {
  const pct = Math.round(c.confidence * 100);
  return `A change counts only outside the noise: a rate when the two ${pct}% Wilson intervals do not overlap; a time or share when its ${pct}% bootstrap interval (paired by seed where both runs have it) excludes zero and the median change is at least ${Math.round(c.tolerance * 100)}% of the baseline.`;
}
