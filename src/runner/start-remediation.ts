import { buildBurnRateRules } from '../oncall/burn-rate-rules.ts';
import { OnCallHuman } from '../oncall/oncall-human.ts';
import { Pager } from '../oncall/pager.ts';
import { RollingUpdate } from './rolling-update.ts';
import type { Stack } from '../scenario/load-stack.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { Timeline } from '../timeline/timeline.ts';
import type { Rng } from '../util/rng.ts';
import type { World } from '../world/world.ts';

export interface Remediation {
  /** Ships the new revision the way this stack's level does. */
  deploy(): Promise<void>;
  /** 'open' while someone (human or controller) is still working on it; else when the last act ended. */
  settledAt(): number | 'open';
}

/**
 * Sets up the stack's parts on a world: at every level a pager and an on-call human; at L1 the
 * rollout controller decides traffic, at L0 the deploy goes straight to 100%.
 */
export function startRemediation(opts: { scenario: Scenario; stack: Stack; world: World; timeline: Timeline; rng: Rng; endMs: number }): Remediation {
  const { scenario, stack, world, timeline } = opts;
  let live = false;
  const rolling = new RollingUpdate(world, timeline, stack.rollingUpdate.steps, stack.rollingUpdate.intervalMs);
  const human = new OnCallHuman(world.clock, opts.rng.fork('oncall'), stack.oncall, timeline, {
    isDeployLive: () => live,
    rollback: async () => {
      live = false;
      rolling.cancel();
      await world.abortCanary(0);
      timeline.emit(world.clock.now(), 'oncall', 'deploy.rolled-back', { service: world.deployService, by: 'human' });
    },
  });
  const rules = buildBurnRateRules({
    service: scenario.entryService,
    objective: scenario.slo.objective,
    latencyThresholdS: scenario.slo.latencyThresholdMs / 1000,
    windows: stack.pager.burnRateWindows,
  });
  const pager = new Pager(world.clock, world.metrics, rules, stack.pager.evaluationIntervalMs, timeline, (alert) => human.page(alert));
  pager.start(opts.endMs);
  return {
    settledAt: () => (human.engaged ? 'open' : human.finishedAt ?? 0),
    async deploy() {
      const now = world.clock.now();
      timeline.emit(now, 'harness', 'deploy.started', {
        service: world.deployService, revision: world.workspace.v2.slice(0, 12), strategy: 'rolling-update', message: scenario.deploy.message.split('\n')[0],
      });
      live = true;
      await rolling.start();
    },
  };
}
