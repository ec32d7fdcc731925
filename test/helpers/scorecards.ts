import type { Scorecard } from '../../src/scoring/scorecard.ts';
import type { RunSummary, ScenarioInfo, StackInfo } from '../../src/suite/index.ts';

/** A scorecard with plausible defaults: a bad deploy caught by the rollout at `ttd`, recovered at `fdrt`. */
export function makeScorecard(o: { bad?: boolean; ttdMs?: number | null; fdrtMs?: number | null; share?: number; by?: string; rollback?: 'rollout controller' | 'human' | null; verdict?: 'pass' | 'fail'; extra?: Record<string, unknown>; diagnosis?: Scorecard['diagnosis']; fix?: Scorecard['fix'] } = {}): Scorecard {
  const bad = o.bad ?? true;
  const ttd = o.ttdMs === undefined ? (bad ? 150_000 : null) : o.ttdMs;
  const fdrt = o.fdrtMs === undefined ? (bad ? 148_000 : null) : o.fdrtMs;
  const rollback = o.rollback === undefined ? (bad ? 'rollout controller' : null) : o.rollback;
  return {
    verdict: o.verdict ?? 'pass',
    reasons: [],
    bad,
    detected: ttd !== null,
    detection: ttd === null ? null : { by: o.by ?? 'rollout', signal: 'test', ttdMs: ttd, breakdown: null },
    impactStartMs: bad ? 6000 : null,
    fdrtMs: fdrt,
    fdrtNote: '',
    rollback: rollback === null ? null : { by: rollback, atMs: ttd ?? 0 },
    falseRollback: !bad && rollback !== null,
    pages: 0,
    falsePage: false,
    blastRadius: { badRequests: 100, failed: 100, slow: 0, dropped: 0, totalRequests: 20_000, share: o.share ?? 0.005, canaryServed: 1000, errorBudgetBurnedPercent: 0.1 },
    steadyState: { before: true, after: true },
    diagnosis: o.diagnosis ?? null,
    fix: o.fix ?? null,
    ...(o.extra ?? {}),
  } as Scorecard;
}

/** An L3 fix part (correct or not), with an L4 gate cell when `gate` is given. */
export function makeFix(o: { correct?: boolean; autoApplied?: boolean; gate?: NonNullable<Scorecard['fix']>['gate'] } = {}): NonNullable<Scorecard['fix']> {
  const ok = { ok: o.correct ?? true };
  return {
    proposed: true,
    autoApplied: o.autoApplied ?? false,
    correct: o.correct ?? true,
    criteria: { applied: ok, testsPassed: ok, canaryPromoted: ok, usersWithinSlo: ok },
    reasons: [],
    scope: { files: 1, lines: 3, culpritFileTouched: true },
    fixClasses: ['revert'],
    classAccepted: true,
    timeToMergeMs: 400_000,
    fdrtWithFixMs: o.correct === false ? null : 700_000,
    redeploy: { servedRequests: 5000, badRequests: 2, share: 0.0004 },
    gate: o.gate ?? null,
  };
}

export function makeRun(scenario: string, stack: string, seed: number, scorecard: Scorecard): RunSummary {
  return { scenario, stack, seed, dir: `${scenario}-${stack}-sim-s${seed}`, scorecard };
}

export const BAD_SCENARIO: ScenarioInfo = { name: 'error-spike', description: 'd', truth: { bad: true, service: 'checkout', faultClass: 'code-defect', cause: 'c', culprit: { file: 'f', contains: 'x' }, fixClasses: ['revert'] } };
export const GOOD_SCENARIO: ScenarioInfo = { name: 'good-deploy', description: 'd', truth: { bad: false } };
export const STACKS: StackInfo[] = [{ name: 'l0', level: 'L0' }, { name: 'l1', level: 'L1' }];
