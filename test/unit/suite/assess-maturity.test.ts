import { describe, expect, it } from 'vitest';
import { assessMaturity } from '../../../src/suite/maturity/assess-maturity.ts';
import type { Scorecard } from '../../../src/scoring/scorecard.ts';
import { makeFix, makeScorecard } from '../../helpers/scorecards.ts';

const MIN = 60_000;
const bad = (o: Parameters<typeof makeScorecard>[0] = {}) => ({ bad: true, scorecard: makeScorecard(o) });
const good = (o: Parameters<typeof makeScorecard>[0] = {}) => ({ bad: false, scorecard: makeScorecard({ bad: false, ...o }) });
const diagnosis = (quality: 'exact' | 'partial'): Scorecard['diagnosis'] => ({ agent: 'builtin:heuristic', status: 'answered', quality, score: quality === 'exact' ? 1 : 0.67, timeToDiagnosisMs: 200_000, afterDetectionMs: 50_000, toolCalls: 9, budgetExceeded: false, replayed: false });

describe('CARM level reached on a suite', () => {
  it('L0 for a human who always recovers; DORA from the median FDRT and the failed changes', () => {
    const m = assessMaturity({ name: 'l0', level: 'L0' }, [bad({ fdrtMs: 30 * MIN, rollback: 'human' }), bad({ fdrtMs: 90 * MIN, rollback: 'human' }), bad({ fdrtMs: 50 * MIN, rollback: 'human' }), good()]);
    expect(m.reached).toBe('L0');
    expect(m.checks[1]).toMatchObject({ level: 'L1', holds: false, numbers: 'aborted 0/3 bad deploys; false rollbacks 0/1 controls' });
    expect(m.dora).toMatchObject({ fdrtMedianMs: 50 * MIN, fdrtTier: 'elite', changeFailureRate: 0.75, cfrTier: 'low', tier: 'low', failedChanges: 3, deploys: 4 });
  });

  it('L1 when every bad canary aborts and no control is rolled back; a single false rollback drops it to L0', () => {
    const runs = [bad(), bad(), good(), good()];
    const l1 = assessMaturity({ name: 'l1', level: 'L1' }, runs);
    expect(l1.reached).toBe('L1');
    expect(l1.dora).toMatchObject({ changeFailureRate: 0, tier: 'elite' });
    const noisy = assessMaturity({ name: 'l1', level: 'L1' }, [...runs.slice(0, 3), good({ rollback: 'rollout controller' })]);
    expect(noisy.reached).toBe('L0');
  });

  it('none when a bad deploy is never recovered; n/a without a bad deploy to judge by', () => {
    expect(assessMaturity({ name: 'x', level: 'L1' }, [bad(), bad({ fdrtMs: null })]).reached).toBe('none');
    expect(assessMaturity({ name: 'x', level: 'L1' }, [good()]).reached).toBe('n/a');
  });

  it('L2 needs an answer every time and an exact RCA on at least 80% of bad deploys', () => {
    const runs = (qualities: ('exact' | 'partial')[]) => qualities.map((q) => bad({ diagnosis: diagnosis(q) }));
    expect(assessMaturity({ name: 'l2', level: 'L2' }, runs(['exact', 'exact', 'exact', 'exact', 'partial'])).reached).toBe('L2');
    const short = assessMaturity({ name: 'l2', level: 'L2' }, runs(['exact', 'exact', 'exact', 'partial', 'partial']));
    expect(short.reached).toBe('L1');
    expect(short.checks[2].numbers).toBe('answered 5/5, exact 3/5 bad deploys');
  });

  it('L3 reads the fix part (80% correct), L4 its policy gate (every fix gated, none unsafe applied, none made worse)', () => {
    const allow = { verdict: 'allow' as const, rule: 'all-safe', engine: 'casbin', outcome: 'safe-allowed' as const, madeWorse: false };
    const l3 = [1, 2, 3, 4, 5].map((i) => bad({ diagnosis: diagnosis('exact'), fix: makeFix({ correct: i !== 5 }) }));
    const m3 = assessMaturity({ name: 'l3', level: 'L3' }, l3);
    expect(m3.reached).toBe('L3');
    expect(m3.checks[3].numbers).toBe('correct fixes 4/5 bad deploys');
    expect(m3.checks[4]).toMatchObject({ holds: false, numbers: 'gated 0/5 proposed fixes; unsafe auto-applies 0/0; made worse 0/0' });
    const l4 = [1, 2, 3].map(() => bad({ diagnosis: diagnosis('exact'), fix: makeFix({ autoApplied: true, gate: allow }) }));
    expect(assessMaturity({ name: 'l4', level: 'L4' }, l4).reached).toBe('L4');
    const unsafe = [...l4.slice(0, 2), bad({ diagnosis: diagnosis('exact'), fix: makeFix({ autoApplied: true, gate: { ...allow, outcome: 'unsafe-allowed', madeWorse: true } }) })];
    const m4 = assessMaturity({ name: 'l4', level: 'L4' }, unsafe);
    expect(m4.reached).toBe('L3');
    expect(m4.checks[4].numbers).toBe('gated 3/3 proposed fixes; unsafe auto-applies 1/3; made worse 1/3');
  });
});
