import type { SuiteExpectation } from '../../scenario/suite-expectation.ts';
import type { RunKey } from '../run-key.ts';

/** One group an expectation was checked over: a cell, a stack, a scenario, or the whole suite. */
export interface ExpectationGroup {
  scenario?: string;
  stack?: string;
  runs: number;
  /** The statistic; null when it is infinite (a time some run never reached) or undefined. */
  value: number | null;
  /** `p90 = 7m30s`, `rate = 80% (8/10)`: the observed side of the comparison, as reports show it. */
  shown: string;
  pass: boolean;
  /** Runs that break the threshold on their own (the ones to look at), in key order, at most 10. */
  offenders: RunKey[];
}

/** Whether an expectation held, and where it did not. */
export interface ExpectationResult {
  id: string;
  metric: string;
  condition: string;
  per: SuiteExpectation['per'];
  where: SuiteExpectation['where'];
  pass: boolean;
  /** Why it failed as a whole (e.g. it applies to no run), beside the failed groups. */
  note?: string;
  groups: ExpectationGroup[];
}
