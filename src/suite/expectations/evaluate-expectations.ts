import type { SuiteExpectation } from '../../scenario/suite-expectation.ts';
import { compareText, type RunKey } from '../run-key.ts';
import type { RunSummary, ScenarioInfo, StackInfo } from '../suite-result.ts';
import type { ExpectationGroup, ExpectationResult } from './expectation-result.ts';
import { formatStat } from './format-stat.ts';
import { readMetric, type MetricValue } from './read-metric.ts';
import { compareWith, isOffender, takeStat } from './take-stat.ts';

const MAX_OFFENDERS = 10;

/**
 * Checks each expectation over the runs it covers, grouped as it says (per scenario x stack cell
 * by default). An expectation holds when every group holds; one that applies to no run at all
 * fails, since that is a misspelt filter or metric far more often than an intended no-op.
 */
export function evaluateExpectations(
  expectations: readonly SuiteExpectation[],
  runs: readonly RunSummary[],
  scenarios: readonly ScenarioInfo[],
  stacks: readonly StackInfo[],
): ExpectationResult[] {
  const bad = new Map(scenarios.map((s) => [s.name, s.truth.bad]));
  const level = new Map(stacks.map((s) => [s.name, s.level]));
  return expectations.map((e) => {
    const covered = runs.filter((r) =>
      (!e.where.scenarios || e.where.scenarios.includes(r.scenario)) &&
      (!e.where.stacks || e.where.stacks.includes(r.stack)) &&
      (!e.where.levels || e.where.levels.includes(level.get(r.stack) ?? '')));
    const groups = new Map<string, { key: Pick<ExpectationGroup, 'scenario' | 'stack'>; values: { run: RunKey; value: MetricValue }[] }>();
    for (const run of covered) {
      const value = readMetric(e.metric, { bad: bad.get(run.scenario) ?? false, scorecard: run.scorecard });
      if (value === undefined) continue;
      const key = groupKey(e.per, run);
      const id = `${key.scenario ?? ''}\u0000${key.stack ?? ''}`;
      if (!groups.has(id)) groups.set(id, { key, values: [] });
      groups.get(id)!.values.push({ run: { scenario: run.scenario, stack: run.stack, seed: run.seed }, value });
    }
    const checked = [...groups.values()]
      .sort((a, b) => compareText(a.key.scenario ?? '', b.key.scenario ?? '') || compareText(a.key.stack ?? '', b.key.stack ?? ''))
      .map(({ key, values }) => checkGroup(e, key, values));
    const base = { id: e.id, metric: e.metric, condition: e.condition, per: e.per, where: e.where };
    if (checked.length === 0) return { ...base, pass: false, note: 'applies to no run of this suite: check the metric name and the filters', groups: [] };
    return { ...base, pass: checked.every((g) => g.pass), groups: checked };
  });
}

function groupKey(per: SuiteExpectation['per'], run: RunSummary): Pick<ExpectationGroup, 'scenario' | 'stack'> {
  if (per === 'cell') return { scenario: run.scenario, stack: run.stack };
  if (per === 'stack') return { stack: run.stack };
  if (per === 'scenario') return { scenario: run.scenario };
  return {};
}

function checkGroup(e: SuiteExpectation, key: Pick<ExpectationGroup, 'scenario' | 'stack'>, values: { run: RunKey; value: MetricValue }[]): ExpectationGroup {
  const kind = e.kind === 'auto' ? (typeof values[0].value === 'boolean' ? 'flag' : 'number') : e.kind;
  const value = takeStat(e.stat, values.map((v) => v.value));
  if (Number.isNaN(value)) {
    const what = kind === 'flag' ? 'a yes/no score' : 'a number';
    return { ...key, runs: values.length, value: null, shown: `${e.stat} does not apply: ${e.metric} is ${what} here`, pass: false, offenders: [] };
  }
  const offenders = values.filter((v) => isOffender(v.value, e.op, e.threshold)).map((v) => v.run);
  return {
    ...key,
    runs: values.length,
    value: Number.isFinite(value) ? value : null,
    shown: formatStat(e.stat, value, kind, values.length),
    pass: compareWith(value, e.op, e.threshold),
    offenders: offenders.slice(0, MAX_OFFENDERS),
  };
}
