import type { RunRecord } from '../runner/run-record.ts';
import type { Scorecard } from '../scoring/scorecard.ts';

/** One scored run, as reporters receive it. */
export interface RunResult {
  runId: string;
  record: RunRecord;
  scorecard: Scorecard;
  /** Wall time the run took (reported on the console only: files stay byte-deterministic). */
  wallMs: number;
}

/** A run about to start: what it is, and the id of this attempt (it carries a wall-clock stamp). */
export interface RunInfo {
  runId: string;
  scenario: string;
  stack: string;
  backend: string;
  seed: number;
}
