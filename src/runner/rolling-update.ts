import type { World } from '../world/world.ts';
import type { Timeline } from '../timeline/timeline.ts';

/**
 * An L0 deploy: a plain Kubernetes RollingUpdate. New pods take an equal share of traffic step by
 * step, one step per pod-ready interval, with no analysis and no pause: nothing stops a bad
 * revision. A human rollback cancels the remaining steps.
 */
export class RollingUpdate {
  private cancelled = false;

  constructor(
    private readonly world: World,
    private readonly timeline: Timeline,
    private readonly steps: number,
    private readonly intervalMs: number,
  ) {}

  /** False when the new pods never become ready: old pods keep serving and the update stalls. */
  async start(): Promise<boolean> {
    if (!(await this.world.prepareRevision(this.world.workspace.v2))) {
      // A Deployment does not roll back by itself: it waits (maxUnavailable 0 keeps every old pod).
      this.timeline.emit(this.world.clock.now(), 'harness', 'deploy.stalled', { service: this.world.deployService, strategy: 'rolling-update', reason: 'new pods never become ready' });
      return false;
    }
    await this.world.startCanary(this.weightAt(1), this.world.workspace.v2);
    const start = this.world.clock.now();
    for (let step = 2; step <= this.steps; step++) {
      this.world.clock.schedule(start + (step - 1) * this.intervalMs, () => void this.advance(step));
    }
    return true;
  }

  cancel(): void {
    this.cancelled = true;
  }

  private async advance(step: number): Promise<void> {
    // Steps are scheduled up front at fixed times; a cancelled rollout ignores the rest.
    if (this.cancelled) return;
    await this.world.setCanaryWeight(this.weightAt(step));
    if (step === this.steps) {
      this.timeline.emit(this.world.clock.now(), 'harness', 'deploy.completed', { service: this.world.deployService, strategy: 'rolling-update' });
    }
  }

  private weightAt(step: number): number {
    return Math.round((100 * step) / this.steps);
  }
}
