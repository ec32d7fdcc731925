import { describe, expect, it } from 'vitest';
import { buildSuiteResult, compareSuites, type RunSummary } from '../../../src/suite/index.ts';
import { createRng } from '../../../src/util/rng.ts';
import { BAD_SCENARIO, GOOD_SCENARIO, makeRun, makeScorecard, STACKS } from '../../helpers/scorecards.ts';

const suite = (runs: RunSummary[]) => buildSuiteResult({ name: 'n', description: 'd', backend: 'sim', planned: runs.length, scenarios: [BAD_SCENARIO, GOOD_SCENARIO], stacks: STACKS, expectations: [], runs });

/** A stack whose times vary by seed the way sim runs do: a few scrape intervals either way. */
function runs(seeds: number[], o: { ttdScale?: number; detected?: (seed: number) => boolean; verdict?: (seed: number) => 'pass' | 'fail' } = {}): RunSummary[] {
  return seeds.flatMap((seed) => {
    const rng = createRng(seed);
    const ttd = (150_000 + 15_000 * rng.int(4)) * (o.ttdScale ?? 1);
    const detected = o.detected?.(seed) ?? true;
    return [
      makeRun('error-spike', 'l1', seed, makeScorecard({ ttdMs: detected ? ttd : null, fdrtMs: ttd - 2000 + rng.int(4000), share: 0.004 + rng.next() * 0.002, verdict: o.verdict?.(seed) })),
      makeRun('good-deploy', 'l1', seed, makeScorecard({ bad: false, share: rng.next() * 0.0005 })),
    ];
  });
}
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe('compare', () => {
  it('finds nothing between a result and itself', () => {
    const c = compareSuites(suite(runs(SEEDS)), suite(runs(SEEDS)));
    expect(c.verdict).toBe('ok');
    expect(c.cells.map((x) => x.status)).toEqual(['same', 'same']);
    expect(c.cells[0].pairedSeeds).toBe(10);
  });

  it('flags times that doubled, seed by seed, with the interval that proves it', () => {
    const c = compareSuites(suite(runs(SEEDS)), suite(runs(SEEDS, { ttdScale: 2 })));
    expect(c.verdict).toBe('regressed');
    const cell = c.cells.find((x) => x.scenario === 'error-spike')!;
    expect(cell.status).toBe('regressed');
    const ttd = cell.metrics.find((m) => m.metric === 'ttd')!;
    expect(ttd.verdict).toBe('regressed');
    expect(ttd.low).toBeGreaterThan(100_000);
    expect(ttd.change).toMatch(/^\+2m\d*.*paired on 10 seeds/);
    expect(c.cells.find((x) => x.scenario === 'good-deploy')!.status).toBe('same');
  });

  it('does not flag the same stack on other seeds (unpaired, within the noise)', () => {
    for (const offset of [10, 20, 30, 40]) {
      const c = compareSuites(suite(runs(SEEDS)), suite(runs(SEEDS.map((s) => s + offset))));
      expect(c.verdict, `seeds ${offset + 1}-${offset + 10}`).toBe('ok');
      expect(c.cells[0].pairedSeeds).toBe(0);
      expect(c.cells[0].metrics.find((m) => m.metric === 'ttd')!.change).toMatch(/unpaired/);
    }
  });

  it('judges rates by Wilson intervals: 10/10 -> 8/10 is noise, 10/10 -> 3/10 is a regression', () => {
    const some = compareSuites(suite(runs(SEEDS)), suite(runs(SEEDS, { detected: (s) => s > 2 })));
    expect(some.cells[0].metrics.find((m) => m.metric === 'detected')).toMatchObject({ verdict: 'same', baseline: '10/10 (72%-100%)', current: '8/10 (49%-94%)' });
    const most = compareSuites(suite(runs(SEEDS)), suite(runs(SEEDS, { detected: (s) => s > 7 })));
    expect(most.cells[0].metrics.find((m) => m.metric === 'detected')!.verdict).toBe('regressed');
    expect(most.verdict).toBe('regressed');
  });

  it('calls a cell flaky when its seeds disagree on the verdict, without calling it a regression', () => {
    const c = compareSuites(suite(runs(SEEDS)), suite(runs(SEEDS, { verdict: (s) => (s === 4 ? 'fail' : 'pass') })));
    expect(c.cells[0]).toMatchObject({ status: 'flaky', flaky: true });
    expect(c.verdict).toBe('ok');
  });

  it('lists cells only one side has', () => {
    const base = suite(runs(SEEDS));
    const cur = suite([...runs(SEEDS), makeRun('error-spike', 'l0', 1, makeScorecard())]);
    expect(compareSuites(base, cur).cells.map((x) => `${x.scenario}/${x.stack}:${x.status}`)).toEqual(['error-spike/l0:new', 'error-spike/l1:same', 'good-deploy/l1:same']);
  });
});
