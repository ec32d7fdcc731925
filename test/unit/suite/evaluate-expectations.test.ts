import { describe, expect, it } from 'vitest';
import { flattenExpectations } from '../../../src/scenario/suite-expectation.ts';
import type { ExpectationBlock } from '../../../src/scenario/expectations-schema.ts';
import { evaluateExpectations } from '../../../src/suite/expectations/evaluate-expectations.ts';
import { BAD_SCENARIO, GOOD_SCENARIO, makeRun, makeScorecard, STACKS } from '../../helpers/scorecards.ts';

const MIN = 60_000;
const runs = [
  ...[1, 2, 3, 4].map((seed) => makeRun('error-spike', 'l1', seed, makeScorecard({ fdrtMs: seed * MIN }))),
  makeRun('error-spike', 'l0', 1, makeScorecard({ fdrtMs: 40 * MIN, rollback: 'human', by: 'pager' })),
  makeRun('error-spike', 'l0', 2, makeScorecard({ ttdMs: null, fdrtMs: null, rollback: null })),
  makeRun('good-deploy', 'l1', 1, makeScorecard({ bad: false })),
  makeRun('good-deploy', 'l1', 2, makeScorecard({ bad: false, rollback: 'rollout controller' })),
];
const check = (blocks: ExpectationBlock[]) => evaluateExpectations(flattenExpectations(blocks), runs, [BAD_SCENARIO, GOOD_SCENARIO], STACKS);

describe('expectations over a suite', () => {
  it('take the statistic per scenario x stack cell, and name the runs that break the threshold', () => {
    const [fdrt] = check([{ per: 'cell', expect: { fdrt: 'p90 < 5m' } }]);
    expect(fdrt.pass).toBe(false);
    expect(fdrt.groups.map((g) => [g.scenario, g.stack, g.pass, g.shown])).toEqual([
      ['error-spike', 'l0', false, 'p90 = not reached (2 runs)'],
      ['error-spike', 'l1', true, 'p90 = 3m42s (4 runs)'],
    ]);
    expect(fdrt.groups[0].value).toBeNull();
    expect(fdrt.groups[0].offenders.map((o) => o.seed)).toEqual([1, 2]);
  });

  it('apply a metric only where it means something (no time to detect on a control; no false rollback on a bad deploy)', () => {
    const [detected, falseRollback] = check([{ per: 'cell', expect: { detected: 'rate == 1', falseRollback: 'count == 0' } }]);
    expect(detected.groups.map((g) => `${g.scenario}/${g.stack}: ${g.shown}`)).toEqual(['error-spike/l0: rate = 50% (1/2)', 'error-spike/l1: rate = 100% (4/4)']);
    expect(detected.groups[0].offenders).toEqual([{ scenario: 'error-spike', stack: 'l0', seed: 2 }]);
    expect(falseRollback.groups).toHaveLength(1);
    expect(falseRollback.groups[0]).toMatchObject({ scenario: 'good-deploy', stack: 'l1', pass: false, shown: 'count = 1 of 2', offenders: [{ seed: 2 }] });
  });

  it('group per stack or over the suite, and filter by level', () => {
    const [perStack, suite, l1Only] = check([
      { per: 'stack', expect: { recovered: 'rate >= 75%' } },
      { per: 'suite', expect: { 'blastRadius.share': 'max < 1%' } },
      { per: 'cell', levels: ['L1'], expect: { aborted: 'rate == 1' } },
    ]);
    expect(perStack.groups.map((g) => [g.stack, g.scenario, g.shown, g.pass])).toEqual([['l0', undefined, 'rate = 50% (1/2)', false], ['l1', undefined, 'rate = 100% (4/4)', true]]);
    expect(suite.groups).toHaveLength(1);
    expect(suite.groups[0]).toMatchObject({ runs: 8, pass: true, shown: 'max = 0.5% (8 runs)' });
    expect(l1Only.id).toBe('aborted: rate == 1 [levels L1]');
    expect(l1Only.groups.map((g) => g.stack)).toEqual(['l1']);
    expect(l1Only.pass).toBe(true);
  });

  it('fail when they apply to no run at all (a misspelt filter or a part no run has)', () => {
    const [rca, fix] = check([{ per: 'cell', expect: { 'rca.exact': 'rate >= 0.9' } }, { per: 'cell', expect: { 'fix.correct': 'rate >= 0.8' } }]);
    expect(rca).toMatchObject({ pass: false, groups: [], note: expect.stringContaining('applies to no run') });
    expect(fix.pass).toBe(false);
  });

  it('read parts later levels add from the scorecard as they are', () => {
    const withCost = runs.map((r, i) => ({ ...r, scorecard: { ...r.scorecard, cost: { withinBudget: i % 2 === 0, calls: i } } as unknown as typeof r.scorecard }));
    const [rate, files] = evaluateExpectations(flattenExpectations([{ per: 'suite', expect: { 'cost.withinBudget': 'rate >= 0.5', 'cost.calls': 'max <= 7' } }]), withCost, [BAD_SCENARIO, GOOD_SCENARIO], STACKS);
    expect(rate.groups[0]).toMatchObject({ pass: true, shown: 'rate = 50% (4/8)' });
    expect(files.groups[0]).toMatchObject({ pass: true, shown: 'max = 7 (8 runs)' });
  });
});
