import type { RunRecord } from '../../runner/run-record.ts';
import type { Scorecard } from '../scorecard.ts';
import { SliSeries } from '../sli-windows.ts';

/**
 * Every user hurt after the deploy, up to the end of the run (not just to the recovery point,
 * whose forward window may still hold a last bad second), and the share of a 30-day error
 * budget that cost.
 */
export function scoreBlastRadius(record: RunRecord): Scorecard['blastRadius'] {
  const { scenario } = record;
  const deployAt = scenario.baselineMs;
  const sli = new SliSeries(record.truth);
  const end = sli.endMs + 1000;
  const window = sli.count(deployAt, end);
  let failed = 0, slow = 0, dropped = 0, canaryServed = 0;
  for (const b of record.truth) {
    if (b.t < deployAt || b.t >= end) continue;
    failed += b.failed;
    slow += b.slow;
    dropped += b.dropped;
    canaryServed += b.canary;
  }
  const budgetRequests = scenario.load.rate * (scenario.slo.windowMs / 1000) * (1 - scenario.slo.objective / 100);
  return {
    badRequests: window.bad,
    failed,
    slow,
    dropped,
    totalRequests: window.total,
    share: window.total ? window.bad / window.total : 0,
    canaryServed,
    errorBudgetBurnedPercent: (100 * window.bad) / budgetRequests,
  };
}
