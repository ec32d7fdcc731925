import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeRun } from '../../../src/runner/execute-run.ts';
import { loadScenario } from '../../../src/scenario/load-scenario.ts';
import { loadStack } from '../../../src/scenario/load-stack.ts';
import { scoreRun } from '../../../src/scoring/score-run.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

const scenario = (name: string) => loadScenario(join(REPO_ROOT, 'scenarios', `${name}.yaml`));
const l0 = () => loadStack(join(REPO_ROOT, 'scenarios/stacks/l0.yaml'));

describe('L0 (manual) on sim', () => {
  for (const name of ['error-spike', 'latency-stall', 'dependency-cascade']) {
    it(`${name}: the pager detects it and the human's rollback recovers users (seeds 1-3)`, async () => {
      const [s, stack] = await Promise.all([scenario(name), l0()]);
      for (const seed of [1, 2, 3]) {
        const card = scoreRun(await executeRun(s, stack, { backend: 'sim', seed }));
        expect(card.detection?.by, `seed ${seed}`).toBe('pager');
        expect(card.rollback?.by, `seed ${seed}`).toBe('human');
        expect(card.fdrtMs, `seed ${seed}`).not.toBeNull();
        expect(card.fdrtMs!, `seed ${seed}`).toBeGreaterThan(card.detection!.ttdMs);
        expect(card.verdict, `seed ${seed}`).toBe('pass');
        expect(card.blastRadius.badRequests).toBeGreaterThan(1000);
      }
    }, 120_000);
  }

  it('good-deploy pages nobody over 20 seeds', async () => {
    const [s, stack] = await Promise.all([scenario('good-deploy'), l0()]);
    for (let seed = 1; seed <= 20; seed++) {
      const record = await executeRun(s, stack, { backend: 'sim', seed });
      const card = scoreRun(record);
      expect(card.pages, `seed ${seed}`).toBe(0);
      expect(card.falseRollback, `seed ${seed}`).toBe(false);
      expect(card.verdict, `seed ${seed}`).toBe('pass');
      expect(card.blastRadius.badRequests, `seed ${seed}`).toBeLessThan(card.blastRadius.totalRequests * 0.001);
    }
  }, 180_000);

  it('latency-stall hurts users with slowness, not errors (the stall a 5xx-only check misses)', async () => {
    const [s, stack] = await Promise.all([scenario('latency-stall'), l0()]);
    const card = scoreRun(await executeRun(s, stack, { backend: 'sim', seed: 1 }));
    expect(card.blastRadius.failed).toBe(0);
    expect(card.blastRadius.slow).toBeGreaterThan(1000);
    expect(card.detection?.signal).toBe('SLOLatencyBudgetBurn');
  }, 60_000);
});

describe('L0 with a stack-provided Prometheus rule file (static 5xx alert)', () => {
  it('pages on the error spike, later than the burn-rate pager, and never on the stall', async () => {
    const [spike, stall, staticStack, burn] = await Promise.all([
      scenario('error-spike'), scenario('latency-stall'),
      loadStack(join(REPO_ROOT, 'scenarios/stacks/l0-static-alerts.yaml')), l0(),
    ]);
    const a = scoreRun(await executeRun(spike, staticStack, { backend: 'sim', seed: 1 }));
    const b = scoreRun(await executeRun(spike, burn, { backend: 'sim', seed: 1 }));
    expect(a.detection?.signal).toBe('FrontendHighErrorRate');
    expect(a.detection!.ttdMs).toBeGreaterThan(b.detection!.ttdMs);
    const stalled = await executeRun(stall, staticStack, { backend: 'sim', seed: 1 });
    const c = scoreRun(stalled);
    expect(c.detected).toBe(false);
    expect(c.verdict).toBe('fail');
    // the recording rule fed the alert: its series is in the timeline's alert values
    expect(stalled.timeline.some((e) => e.type === 'rule.failed')).toBe(false);
  }, 120_000);
});
