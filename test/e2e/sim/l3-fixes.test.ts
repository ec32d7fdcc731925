import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeRun } from '../../../src/runner/execute-run.ts';
import { loadScenario } from '../../../src/scenario/load-scenario.ts';
import { loadStack } from '../../../src/scenario/load-stack.ts';
import { scoreRun } from '../../../src/scoring/score-run.ts';
import { overlayStack } from '../../helpers/agent-stack.ts';
import { BAD_SCENARIOS, HEURISTIC_EXACT, LATE_DETECTION } from '../../helpers/bad-scenarios.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

// Every built-in bad scenario, seed 1 (seeds 1-5: `firedrill run scenarios/suites/calibration.yaml`).
const BAD = BAD_SCENARIOS;
const run = async (scenario: string, stackFile: string, seed: number) =>
  scoreRun(await executeRun(await loadScenario(join(REPO_ROOT, 'scenarios', `${scenario}.yaml`)), await loadStack(stackFile), { backend: 'sim', seed }));

describe('L3 calibration: the ground truth\'s fix is correct, no agent makes no PR', () => {
  const oracle = overlayStack('l3', 'l3-oracle', 'agent: { use: "builtin:oracle" }');
  const noop = overlayStack('l3', 'l3-noop', 'agent: { use: "builtin:noop" }');
  for (const name of BAD) {
    it(`${name}, seed 1`, async () => {
      for (let seed = 1; seed <= 1; seed++) {
        const card = await run(name, oracle, seed);
        const o = card.fix!;
        if (!card.detection) {
          // Nothing detected it (p999-stall): no agent runs, no PR; the stack's miss, said so.
          expect(o, `oracle seed ${seed}`).toMatchObject({ proposed: false, correct: false });
        } else {
          expect(o.criteria.applied.ok && o.criteria.testsPassed.ok, `oracle seed ${seed}: ${o.reasons.join('; ')}`).toBe(true);
          expect(o.classAccepted).toBe(true);
          if (!LATE_DETECTION.includes(name)) {
            expect(o.correct, `oracle seed ${seed}: ${o.reasons.join('; ')}`).toBe(true);
            expect(o.redeploy!.badRequests).toBe(0);
          }
        }
        const n = (await run(name, noop, seed)).fix!;
        expect(n, `noop seed ${seed}`).toMatchObject({ proposed: false, correct: false, redeploy: null });
      }
    }, 400_000);
  }
});

describe('a plausible wrong fix: builtin:widen-threshold on error-spike', () => {
  it('is incorrect because users are hurt again after the redeploy, seeds 1-2', async () => {
    const widen = overlayStack('l3', 'l3-widen', 'agent: { use: "builtin:widen-threshold" }');
    for (let seed = 1; seed <= 2; seed++) {
      const f = (await run('error-spike', widen, seed)).fix!;
      expect(f.correct, `seed ${seed}`).toBe(false);
      // It applied, passed the tests and was merged: only what users saw makes it wrong.
      expect(f.criteria.applied.ok && f.criteria.testsPassed.ok, `seed ${seed}: ${f.reasons.join('; ')}`).toBe(true);
      expect(f.reasons.join('; '), `seed ${seed}`).toMatch(/users out of SLO after the redeploy|canary was aborted/);
      expect(f.redeploy!.badRequests).toBeGreaterThan(0);
    }
  }, 400_000);
});

describe('builtin:revert where the heuristic names the culprit (seeds 1-2; `firedrill run scenarios/suites/fixes.yaml` for 10)', () => {
  it('proposes a correct fix every time', async () => {
    const stack = join(REPO_ROOT, 'scenarios/stacks/l3.yaml');
    for (const name of HEURISTIC_EXACT.filter((n) => !LATE_DETECTION.includes(n))) {
      for (let seed = 1; seed <= 2; seed++) {
        const f = (await run(name, stack, seed)).fix!;
        expect(f.correct, `${name} seed ${seed}: ${f.reasons.join('; ')}`).toBe(true);
        expect(f.fixClasses).toContain('revert');
      }
    }
  }, 400_000);
});
