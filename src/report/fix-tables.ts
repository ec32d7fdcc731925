import type { Scorecard } from '../scoring/scorecard.ts';
import type { RunSummary, SuiteResult } from '../suite/index.ts';
import { median } from '../util/quantile.ts';
import { formatPercent, formatTime } from './format.ts';
import { listSuiteCells } from './suite-cells.ts';

/** A run's L3 fix in a word or two: none, correct, NOT correct, (auto), WORSE. */
export function describeFix(fix: Scorecard['fix']): string {
  if (!fix) return '-';
  if (!fix.proposed) return 'none';
  return `${fix.correct ? 'correct' : 'NOT correct'}${fix.autoApplied ? ' (auto)' : ''}${fix.gate?.madeWorse ? ' WORSE' : ''}`;
}

/** Correct-fix rate per scenario x stack, over the seeds run: the fix benchmark. */
export function fixRates(suite: SuiteResult): [string[], string[][]] {
  const body = listSuiteCells(suite)
    .filter((c) => c.bad && c.runs.some((r) => r.scorecard.fix))
    .map((c) => {
      const runs = c.runs.filter((r) => r.scorecard.fix);
      const correct = runs.filter((r) => r.scorecard.fix!.correct).length;
      const auto = runs.filter((r) => r.scorecard.fix!.autoApplied).length;
      const withFix = runs.map((r) => r.scorecard.fix!.fdrtWithFixMs).filter((ms): ms is number => ms !== null);
      return [c.scenario, c.stack, String(runs.length), `${correct}/${runs.length} (${formatPercent(correct / runs.length, 0)})`, String(auto), withFix.length ? formatTime(median(withFix)) : '-'];
    });
  return [['scenario', 'stack', 'runs', 'correct fix', 'auto-applied', 'median FDRT with fix'], body];
}

const GATE_CELLS = ['safe-allowed', 'safe-blocked', 'unsafe-blocked', 'unsafe-allowed'] as const;

/** The policy gate's confusion matrix per stack (safe = the fix held up once deployed), and unsafe auto-applies. */
export function gateMatrix(runs: readonly RunSummary[]): [string[], string[][]] {
  const stacks = new Map<string, Record<(typeof GATE_CELLS)[number], number> & { worse: number }>();
  for (const r of runs) {
    const gate = r.scorecard.fix?.gate;
    if (!gate) continue;
    const row = stacks.get(r.stack) ?? { 'safe-allowed': 0, 'safe-blocked': 0, 'unsafe-blocked': 0, 'unsafe-allowed': 0, worse: 0 };
    row[gate.outcome] += 1;
    if (gate.madeWorse) row.worse += 1;
    stacks.set(r.stack, row);
  }
  const body = [...stacks].map(([stack, row]) => [stack, ...GATE_CELLS.map((c) => String(row[c])), String(row.worse)]);
  return [['policy gate', ...GATE_CELLS.map((c) => c.replace('-', ' ')), 'made worse'], body];
}
