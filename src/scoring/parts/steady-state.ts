import type { RunRecord } from '../../runner/run-record.ts';
import type { Scorecard } from '../scorecard.ts';

/** Chaos Toolkit's steady-state hypothesis, as the runner checked it before the deploy and after the run. */
export function scoreSteadyState(record: RunRecord): Scorecard['steadyState'] {
  const met = (type: string): boolean => record.timeline.find((e) => e.type === type)?.met === true;
  return { before: met('steady-state.before'), after: met('steady-state.after') };
}
