import type { ScenarioTruth } from '../scenario/scenario-schema.ts';
import type { Scorecard } from '../scoring/scorecard.ts';
import type { ExpectationResult } from './expectations/expectation-result.ts';
import type { StackMaturity } from './maturity/stack-maturity.ts';
import type { ShardMarker } from './shard-marker.ts';

export const SUITE_RESULT_SCHEMA = 'firedrill.suite/v1';

/** One run of a suite: its key, where its files are (relative to the suite's folder), its scores. */
export interface RunSummary {
  scenario: string;
  stack: string;
  seed: number;
  /** The run's folder, relative to the suite's (timeline.jsonl, truth.jsonl, result.json). */
  dir: string;
  scorecard: Scorecard;
}

export interface ScenarioInfo {
  name: string;
  description: string;
  truth: ScenarioTruth;
}

export interface StackInfo {
  name: string;
  level: string;
  agent?: string;
}

/**
 * A suite's outcome (suite.json): what ran, the ground truth it was scored against, every run's
 * scorecard in key order, which expectations held, and the maturity each stack reached. Nothing
 * in it depends on the wall clock or on the order runs finished in.
 */
export interface SuiteResult {
  schema: typeof SUITE_RESULT_SCHEMA;
  name: string;
  description: string;
  backend: string;
  verdict: 'pass' | 'fail';
  /** Runs the plan holds; more than runs.length when the suite was stopped before its end. */
  planned: number;
  /**
   * Only in a shard's result (`--shard i/n`): its runs are part of a suite, judged once the shards
   * are merged, so its own expectations and maturity are left empty.
   */
  shard?: ShardMarker;
  scenarios: ScenarioInfo[];
  stacks: StackInfo[];
  expectations: ExpectationResult[];
  maturity: StackMaturity[];
  runs: RunSummary[];
}
