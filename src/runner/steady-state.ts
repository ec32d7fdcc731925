import type { Scenario } from '../scenario/scenario.ts';
import type { Timeline } from '../timeline/timeline.ts';
import type { TruthBucket } from '../world/truth.ts';

/** How much traffic the steady-state hypothesis looks at, before the deploy and at the end. */
export const STEADY_STATE_WINDOW_MS = 5 * 60_000;

/**
 * Chaos Toolkit's steady-state hypothesis: users were within SLO in the window before the deploy
 * (otherwise the drill measures a testbed that was already broken) and again at the end.
 */
export function checkSteadyState(phase: 'before' | 'after', scenario: Scenario, truth: TruthBucket[], at: number, timeline: Timeline): void {
  const from = at - STEADY_STATE_WINDOW_MS;
  let total = 0;
  let bad = 0;
  for (const b of truth) {
    if (b.t < from || b.t >= at) continue;
    total += b.total;
    bad += b.failed + b.slow;
  }
  const good = total === 0 ? 0 : (100 * (total - bad)) / total;
  timeline.emit(at, 'harness', `steady-state.${phase}`, {
    met: total > 0 && good >= scenario.slo.objective,
    goodPercent: Number(good.toFixed(4)),
    requests: total,
    objective: scenario.slo.objective,
  });
}
