import type { SuiteExpectation } from '../scenario/suite-expectation.ts';
import { evaluateExpectations } from './expectations/evaluate-expectations.ts';
import { assessMaturity } from './maturity/assess-maturity.ts';
import { compareRunKeys, compareText } from './run-key.ts';
import type { ShardMarker } from './shard-marker.ts';
import { describePlanParts, type SuitePlan } from './suite-plan.ts';
import { SUITE_RESULT_SCHEMA, type RunSummary, type ScenarioInfo, type StackInfo, type SuiteResult } from './suite-result.ts';

const LEVEL_ORDER = ['L0', 'L1', 'L2', 'L3', 'L4'];

/**
 * A suite's result from its finished runs, in any order: runs sorted by key, expectations
 * checked, each stack's maturity assessed. The one place a SuiteResult is made, whether the runs
 * come from this process, worker threads, a resumed journal, or merged shards. A shard's result
 * (`shard` given) holds its runs only: expectations and maturity are judged on the merged whole.
 */
export function buildSuiteResult(input: {
  name: string;
  description: string;
  backend: string;
  planned: number;
  scenarios: ScenarioInfo[];
  stacks: StackInfo[];
  expectations: readonly SuiteExpectation[];
  runs: readonly RunSummary[];
  shard?: ShardMarker;
}): SuiteResult {
  const runs = [...input.runs].sort(compareRunKeys);
  const scenarios = [...input.scenarios].sort((a, b) => compareText(a.name, b.name));
  const stacks = [...input.stacks].sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || compareText(a.name, b.name));
  const bad = new Map(scenarios.map((s) => [s.name, s.truth.bad]));
  const expectations = input.shard ? [] : evaluateExpectations(input.expectations, runs, scenarios, stacks);
  const maturity = input.shard ? [] : stacks.map((stack) =>
    assessMaturity(stack, runs.filter((r) => r.stack === stack.name).map((r) => ({ bad: bad.get(r.scenario) ?? false, scorecard: r.scorecard }))));
  return {
    schema: SUITE_RESULT_SCHEMA,
    name: input.name,
    description: input.description,
    backend: input.backend,
    verdict: expectations.every((e) => e.pass) && runs.length === input.planned ? 'pass' : 'fail',
    planned: input.planned,
    ...(input.shard ? { shard: input.shard } : {}),
    scenarios,
    stacks,
    expectations,
    maturity,
    runs,
  };
}

/** A plan's result from its finished runs; a shard's carries the whole plan for `merge`. */
export function buildPlanResult(plan: SuitePlan, runs: readonly RunSummary[]): SuiteResult {
  const base = { name: plan.name, description: plan.description, backend: plan.backend, planned: plan.runs.length, expectations: plan.expectations, runs };
  if (!plan.shard) return buildSuiteResult({ ...base, ...describePlanParts(plan.runs) });
  const { scenarios, stacks, ...shard } = plan.shard;
  return buildSuiteResult({ ...base, scenarios, stacks, shard });
}
