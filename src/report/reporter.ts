import type { SuiteObserver } from '../suite/run-suite.ts';

export type { RunInfo } from '../suite/run-result.ts';

/**
 * vitest's shape: every hook is optional, a reporter implements the ones it needs. Reporters are
 * chosen by name from REPORTERS (report/index.ts); they hear a suite's hooks (a single run is a
 * suite of one).
 */
export type Reporter = SuiteObserver;
