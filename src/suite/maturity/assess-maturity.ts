import { readMetric, type RunFacts } from '../expectations/read-metric.ts';
import { median } from '../../util/quantile.ts';
import { lowerTier, tierOfChangeFailureRate, tierOfRecovery } from './dora-tier.ts';
import { MATURITY_CRITERIA } from './maturity-criteria.ts';
import type { DoraAssessment, StackMaturity } from './stack-maturity.ts';

/**
 * The CARM level one stack reached on a suite (the highest level whose criteria, and every lower
 * level's, hold on all its runs) and its DORA tier, with the numbers behind both.
 */
export function assessMaturity(stack: { name: string; level: string }, runs: readonly RunFacts[]): StackMaturity {
  const checks = MATURITY_CRITERIA.map((c) => ({ level: c.level, criterion: c.criterion, ...c.check(runs) }));
  const badDeploys = runs.filter((r) => r.bad).length;
  let reached: StackMaturity['reached'] = badDeploys === 0 ? 'n/a' : 'none';
  if (badDeploys > 0) {
    for (const c of checks) {
      if (!c.holds) break;
      reached = c.level;
    }
  }
  return { stack: stack.name, declared: stack.level, reached, checks, dora: assessDora(runs), badDeploys, controls: runs.length - badDeploys };
}

/**
 * FDRT: the median over bad deploys (one never recovered counts as infinitely long). Change
 * failure rate: deploys that failed in production, i.e. bad deploys the pipeline did not stop
 * (not aborted by the rollout before full rollout), over all deploys of the suite. A canary that
 * aborted is a change the pipeline caught; its users' harm shows in the blast radius instead.
 */
function assessDora(runs: readonly RunFacts[]): DoraAssessment {
  const bad = runs.filter((r) => r.bad);
  const fdrts = bad.map((r) => r.scorecard.fdrtMs ?? Number.POSITIVE_INFINITY);
  const fdrt = fdrts.length ? median(fdrts) : Number.NaN;
  const failedChanges = bad.filter((r) => readMetric('aborted', r) !== true).length;
  const cfr = runs.length ? failedChanges / runs.length : 0;
  const fdrtTier = Number.isNaN(fdrt) ? null : tierOfRecovery(fdrt);
  const cfrTier = tierOfChangeFailureRate(cfr);
  return {
    fdrtMedianMs: Number.isFinite(fdrt) ? fdrt : null,
    fdrtTier,
    changeFailureRate: cfr,
    cfrTier,
    tier: fdrtTier ? lowerTier(fdrtTier, cfrTier) : cfrTier,
    deploys: runs.length,
    failedChanges,
  };
}
