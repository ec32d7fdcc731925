import type { ExpectationGroup, ExpectationResult, RunSummary, SuiteResult } from '../suite/index.ts';
import { median } from '../util/quantile.ts';

/** One scenario x stack cell of a suite: its runs, and the expectations that failed there. */
export interface SuiteCell {
  scenario: string;
  stack: string;
  bad: boolean;
  runs: RunSummary[];
  passed: number;
  /** Median FDRT over the cell's runs (Infinity when the median run never recovered); null for controls. */
  fdrtMedianMs: number | null;
  blastShareMedian: number;
  failures: { expectation: ExpectationResult; group: ExpectationGroup }[];
}

/** The cells in scenario order, stacks in the suite's (level) order within each. */
export function listSuiteCells(suite: SuiteResult): SuiteCell[] {
  const cells: SuiteCell[] = [];
  for (const scenario of suite.scenarios) {
    for (const stack of suite.stacks) {
      const runs = suite.runs.filter((r) => r.scenario === scenario.name && r.stack === stack.name);
      if (runs.length === 0) continue;
      const bad = scenario.truth.bad;
      cells.push({
        scenario: scenario.name,
        stack: stack.name,
        bad,
        runs,
        passed: runs.filter((r) => r.scorecard.verdict === 'pass').length,
        fdrtMedianMs: bad ? median(runs.map((r) => r.scorecard.fdrtMs ?? Number.POSITIVE_INFINITY)) : null,
        blastShareMedian: median(runs.map((r) => r.scorecard.blastRadius.share)),
        failures: failuresOf(suite, scenario.name, stack.name),
      });
    }
  }
  return cells;
}

/** Failed expectation groups that cover a cell: its own, its stack's, its scenario's, the suite's. */
function failuresOf(suite: SuiteResult, scenario: string, stack: string): SuiteCell['failures'] {
  const out: SuiteCell['failures'] = [];
  for (const expectation of suite.expectations) {
    for (const group of expectation.groups) {
      if (group.pass) continue;
      if (group.scenario !== undefined && group.scenario !== scenario) continue;
      if (group.stack !== undefined && group.stack !== stack) continue;
      out.push({ expectation, group });
    }
  }
  return out;
}

/** `fdrt: p90 < 5m — error-spike × l1: p90 = 7m30s (10 runs); look at seed 3, seed 7`. */
export function describeFailure(e: ExpectationResult, g: ExpectationGroup): string {
  return `${e.id} — ${describeGroupFailure(g)}`;
}

/** Where a group failed, what was observed, and the runs to look at. */
export function describeGroupFailure(g: ExpectationGroup): string {
  const where = [g.scenario, g.stack].filter(Boolean).join(' × ') || 'whole suite';
  const seeds = g.offenders.length ? `; look at ${g.offenders.map((o) => (g.scenario && g.stack ? `seed ${o.seed}` : `${o.scenario} × ${o.stack} seed ${o.seed}`)).join(', ')}` : '';
  return `${where}: ${g.shown}${seeds}`;
}
