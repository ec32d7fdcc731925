import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeRun } from '../../../src/runner/execute-run.ts';
import { loadScenario } from '../../../src/scenario/load-scenario.ts';
import { loadStack, type Stack } from '../../../src/scenario/load-stack.ts';
import type { Scenario } from '../../../src/scenario/scenario.ts';
import { scoreRun } from '../../../src/scoring/score-run.ts';
import type { Scorecard } from '../../../src/scoring/scorecard.ts';
import { formatTime } from '../../../src/report/format.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const load = async (scenario: string, stack: string): Promise<[Scenario, Stack]> =>
  Promise.all([loadScenario(join(REPO_ROOT, 'scenarios', `${scenario}.yaml`)), loadStack(join(REPO_ROOT, 'scenarios/stacks', `${stack}.yaml`))]);
const score = async (scenario: Scenario, stack: Stack, seed: number): Promise<Scorecard> => scoreRun(await executeRun(scenario, stack, { backend: 'sim', seed }));

describe('L1 (Argo canary + analysis) on sim, 20 seeds', () => {
  for (const name of ['error-spike', 'latency-stall', 'dependency-cascade']) {
    it(`the combined stack detects and aborts ${name} every time`, async () => {
      const [scenario, stack] = await load(name, 'l1');
      const ttds: number[] = [];
      for (const seed of SEEDS) {
        const card = await score(scenario, stack, seed);
        expect(card.detection?.by, `seed ${seed}: ${card.reasons.join('; ')}`).toBe('rollout');
        expect(card.rollback?.by, `seed ${seed}`).toBe('rollout controller');
        expect(card.verdict, `seed ${seed}`).toBe('pass');
        ttds.push(card.detection!.ttdMs);
      }
      console.log(`${name} × l1: TTD ${formatTime(Math.min(...ttds))} .. ${formatTime(Math.max(...ttds))} over ${SEEDS.length} seeds`);
    }, 240_000);
  }

  it('the combined stack promotes good-deploy every time (no false rollback, no page)', async () => {
    const [scenario, stack] = await load('good-deploy', 'l1');
    for (const seed of SEEDS) {
      const card = await score(scenario, stack, seed);
      expect(card.rollback, `seed ${seed}`).toBeNull();
      expect(card.pages, `seed ${seed}`).toBe(0);
      expect(card.verdict, `seed ${seed}`).toBe('pass');
    }
  }, 240_000);

  it('the error-ratio-only stack misses latency-stall: promoted, then the pager and the human catch it', async () => {
    const [scenario, stack] = await load('latency-stall', 'l1-error-rate');
    const [, combined] = await load('latency-stall', 'l1');
    for (const seed of [1, 2, 3]) {
      const card = await score(scenario, stack, seed);
      expect(card.detection?.by, `seed ${seed}`).toBe('pager');
      expect(card.rollback?.by, `seed ${seed}`).toBe('human');
      const better = await score(scenario, combined, seed);
      // the gap the scorecard shows: TTD, FDRT and users hurt
      expect(card.detection!.ttdMs).toBeGreaterThan(better.detection!.ttdMs);
      expect(card.fdrtMs ?? Infinity).toBeGreaterThan(better.fdrtMs!);
      expect(card.blastRadius.badRequests).toBeGreaterThan(10 * better.blastRadius.badRequests);
      if (seed === 1) {
        console.log(`latency-stall: l1-error-rate TTD ${formatTime(card.detection!.ttdMs)} FDRT ${formatTime(card.fdrtMs)} bad ${card.blastRadius.badRequests}` +
          ` | l1 TTD ${formatTime(better.detection!.ttdMs)} FDRT ${formatTime(better.fdrtMs)} bad ${better.blastRadius.badRequests}`);
      }
    }
  }, 240_000);

  it("with the canary at 20%, L1's blast radius on error-spike is a fraction of L0's", async () => {
    const [scenario, l1] = await load('error-spike', 'l1');
    const [, l0] = await load('error-spike', 'l0');
    for (const seed of [1, 2, 3]) {
      const a = await score(scenario, l0, seed);
      const b = await score(scenario, l1, seed);
      const ratio = b.blastRadius.badRequests / a.blastRadius.badRequests;
      console.log(`error-spike seed ${seed}: bad requests L0 ${a.blastRadius.badRequests}, L1 ${b.blastRadius.badRequests} (${(100 * ratio).toFixed(2)}%)`);
      expect(ratio).toBeLessThan(0.1);
    }
  }, 120_000);
});
