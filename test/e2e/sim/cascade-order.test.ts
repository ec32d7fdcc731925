import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeRun } from '../../../src/runner/execute-run.ts';
import { loadScenario } from '../../../src/scenario/load-scenario.ts';
import { loadStack } from '../../../src/scenario/load-stack.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

/**
 * The cascade must emerge from the model (worker pools, timeouts, retries), in the right order:
 * checkout's calls to payments time out, payments saturates (busy pool, queue), and only then do
 * checkout's (and the users') errors rise.
 */
describe('dependency-cascade on sim', () => {
  it('shows payments saturating before the callers\' errors rise (seeds 1-5)', async () => {
    const [scenario, stack] = await Promise.all([
      loadScenario(join(REPO_ROOT, 'scenarios/dependency-cascade.yaml')),
      loadStack(join(REPO_ROOT, 'scenarios/stacks/l0.yaml')),
    ]);
    for (let seed = 1; seed <= 5; seed++) {
      const { timeline } = await executeRun(scenario, stack, { backend: 'sim', seed });
      const after = timeline.filter((e) => e.t >= scenario.baselineMs);
      const saturated = after.find((e) => e.type === 'world.saturation.started' && e.service === 'payments');
      const checkoutErrors = after.find((e) => e.type === 'world.errors.started' && e.service === 'checkout');
      const userErrors = after.find((e) => e.type === 'world.errors.started' && e.service === 'frontend');
      expect(saturated, `seed ${seed}: payments never saturated`).toBeDefined();
      expect(checkoutErrors, `seed ${seed}: checkout errors never rose`).toBeDefined();
      expect(saturated!.t, `seed ${seed}`).toBeLessThan(checkoutErrors!.t);
      expect(saturated!.t, `seed ${seed}`).toBeLessThan(userErrors!.t);
      expect(saturated!.queued as number).toBeGreaterThanOrEqual(3);
      // nothing was saturated or failing before the deploy
      expect(timeline.some((e) => e.t < scenario.baselineMs && /^world\.(saturation|errors)\.started$/.test(e.type))).toBe(false);
    }
  }, 120_000);

  it("shows checkout's timeouts on payments rising before checkout's errors", async () => {
    const [scenario, stack] = await Promise.all([
      loadScenario(join(REPO_ROOT, 'scenarios/dependency-cascade.yaml')),
      loadStack(join(REPO_ROOT, 'scenarios/stacks/l0.yaml')),
    ]);
    const { timeline } = await executeRun(scenario, stack, { backend: 'sim', seed: 1 });
    const errorsAt = timeline.find((e) => e.type === 'world.errors.started' && e.service === 'checkout')!.t;
    type Snap = { services: Record<string, Record<string, { dependencyTimeouts: number; serverErrors: number }>> };
    const timeouts = (e: unknown): number =>
      Object.values((e as Snap).services.checkout ?? {}).reduce((sum, v) => sum + v.dependencyTimeouts, 0);
    const snapshots = timeline.filter((e) => e.type === 'world.snapshot');
    const beforeDeploy = snapshots.filter((e) => e.t <= scenario.baselineMs).at(-1)!;
    const firstRise = snapshots.find((e) => e.t > scenario.baselineMs && timeouts(e) > timeouts(beforeDeploy));
    expect(firstRise, 'timeouts never rose').toBeDefined();
    expect(firstRise!.t).toBeLessThan(errorsAt);
  }, 60_000);
});
