export { scoreRun } from './score-run.ts';
export type { Scorecard } from './scorecard.ts';
export { SliSeries, findFirstBreach, findSustainedRecovery, SLI_WINDOW_MS, RECOVERY_HOLD_MS } from './sli-windows.ts';
