import type { Timeline } from '../timeline/timeline.ts';
import type { World } from '../world/world.ts';
import { RollingUpdate } from './rolling-update.ts';
import type { DeployStrategy } from './start-remediation.ts';

/** L0: a Kubernetes rolling update; the human rolls back by sending all traffic to the old pods. */
export function startRollingDeploy(opts: { world: World; timeline: Timeline; steps: number; intervalMs: number }): DeployStrategy {
  const { world, timeline } = opts;
  const rolling = new RollingUpdate(world, timeline, opts.steps, opts.intervalMs);
  let live = false;
  let lastAct = 0;
  return {
    async start() {
      live = await rolling.start();
      lastAct = world.clock.now() + (opts.steps - 1) * opts.intervalMs;
    },
    isLive: () => live,
    async rollback() {
      live = false;
      rolling.cancel();
      await world.abortCanary(0);
      lastAct = world.clock.now();
      timeline.emit(world.clock.now(), 'oncall', 'deploy.rolled-back', { service: world.deployService, by: 'human', how: 'rolling update back to v1' });
    },
    settledAt: () => lastAct,
  };
}
