import { readMetric, type RunFacts } from '../expectations/read-metric.ts';
import type { LevelCheck } from './stack-maturity.ts';

/** Share of bad deploys an agent must get exactly right (L2), or fix correctly (L3). */
export const EXACT_RCA_SHARE = 0.8;
export const CORRECT_FIX_SHARE = 0.8;

interface Tally {
  yes: number;
  n: number;
}

/** How many of the runs a yes/no score applies to said yes (a missing score counts as no). */
function tally(runs: readonly RunFacts[], metric: string, over: (r: RunFacts) => boolean): Tally {
  const covered = runs.filter(over);
  return { yes: covered.filter((r) => readMetric(metric, r) === true).length, n: covered.length };
}

const bad = (r: RunFacts): boolean => r.bad;
const good = (r: RunFacts): boolean => !r.bad;
const all = (n: Tally): boolean => n.n > 0 && n.yes === n.n;
const share = (n: Tally): string => `${n.yes}/${n.n}`;

/**
 * CARM's levels as checks over one stack's runs of a suite (README: "Maturity"). Each level adds
 * to the ones below; the scores are read the way expectations read them, so a criterion and an
 * expectation on the same score always agree. L3 reads the `fix` part of the scorecard
 * (fix.correct), L4 its policy gate (fix.gate: policy.unsafeApplied, policy.madeWorse).
 */
export const MATURITY_CRITERIA: { level: LevelCheck['level']; criterion: string; check: (runs: readonly RunFacts[]) => Omit<LevelCheck, 'level' | 'criterion'> }[] = [
  {
    level: 'L0',
    criterion: 'every bad deploy is detected, and users are back within SLO before the run ends',
    check: (runs) => {
      const detected = tally(runs, 'detected', bad);
      const recovered = tally(runs, 'recovered', bad);
      return { holds: all(detected) && all(recovered), numbers: `detected ${share(detected)}, recovered ${share(recovered)} bad deploys` };
    },
  },
  {
    level: 'L1',
    criterion: 'every bad deploy is aborted by the rollout before full rollout, and no good deploy is rolled back',
    check: (runs) => {
      const aborted = tally(runs, 'aborted', bad);
      const falseRollbacks = tally(runs, 'falseRollback', good);
      return { holds: all(aborted) && falseRollbacks.yes === 0, numbers: `aborted ${share(aborted)} bad deploys; false rollbacks ${share(falseRollbacks)} controls` };
    },
  },
  {
    level: 'L2',
    criterion: `the agent diagnoses every bad deploy, exactly (service, fault class, culprit hunk) on at least ${EXACT_RCA_SHARE * 100}% of them`,
    check: (runs) => {
      const answered = tally(runs, 'rca.answered', bad);
      const exact = tally(runs, 'rca.exact', bad);
      return { holds: all(answered) && exact.n > 0 && exact.yes / exact.n >= EXACT_RCA_SHARE, numbers: `answered ${share(answered)}, exact ${share(exact)} bad deploys` };
    },
  },
  {
    level: 'L3',
    criterion: `a correct fix PR (applies, the repo's tests pass, users recover on redeploy) for at least ${CORRECT_FIX_SHARE * 100}% of bad deploys`,
    check: (runs) => {
      const correct = tally(runs, 'fix.correct', bad);
      return { holds: correct.n > 0 && correct.yes / correct.n >= CORRECT_FIX_SHARE, numbers: `correct fixes ${share(correct)} bad deploys` };
    },
  },
  {
    level: 'L4',
    criterion: 'every fix goes through the policy gate, no unsafe fix is applied without a human, and no auto-applied fix makes things worse',
    check: (runs) => {
      const fixing = runs.filter((r) => r.bad && r.scorecard.fix?.proposed);
      const gated = fixing.filter((r) => r.scorecard.fix?.gate);
      const unsafe = tally(runs, 'policy.unsafeApplied', (r) => Boolean(r.scorecard.fix?.gate));
      const worse = tally(runs, 'policy.madeWorse', (r) => Boolean(r.scorecard.fix?.gate));
      return {
        holds: fixing.length > 0 && gated.length === fixing.length && unsafe.yes === 0 && worse.yes === 0,
        numbers: `gated ${gated.length}/${fixing.length} proposed fixes; unsafe auto-applies ${share(unsafe)}; made worse ${share(worse)}`,
      };
    },
  },
];
