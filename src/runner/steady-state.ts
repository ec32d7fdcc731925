import type { Scenario } from '../scenario/scenario.ts';
import type { Timeline } from '../timeline/timeline.ts';
import { countRequestsBetween, type TruthBucket } from '../world/truth.ts';

/** How much traffic the steady-state hypothesis looks at, before the deploy and at the end. */
export const STEADY_STATE_WINDOW_MS = 5 * 60_000;

/**
 * Chaos Toolkit's steady-state hypothesis: users were within SLO in the window before the deploy
 * (otherwise the drill measures a testbed that was already broken) and again at the end.
 */
export function checkSteadyState(phase: 'before' | 'after', scenario: Scenario, truth: TruthBucket[], at: number, timeline: Timeline): void {
  const { total, bad } = countRequestsBetween(truth, at - STEADY_STATE_WINDOW_MS, at);
  const good = total === 0 ? 0 : (100 * (total - bad)) / total;
  timeline.emit(at, 'harness', `steady-state.${phase}`, {
    met: total > 0 && good >= scenario.slo.objective,
    goodPercent: Number(good.toFixed(4)),
    requests: total,
    objective: scenario.slo.objective,
  });
}
