import type { Clock } from '../clock/clock.ts';
import type { Stack } from '../scenario/load-stack.ts';
import type { Timeline } from '../timeline/timeline.ts';
import type { Rng } from '../util/rng.ts';
import { drawHumanTime } from './human-time.ts';

export interface OnCallActions {
  /** True while the new revision still serves traffic (nothing rolled it back yet). */
  isDeployLive(): boolean;
  rollback(): Promise<void>;
}

/**
 * A seeded on-call engineer: acknowledges the page, investigates, and rolls back the recent
 * deploy if it is still live (the usual first move when a page follows a deploy). Times are
 * drawn from the stack's log-normal distributions, all up front, so a run replays exactly.
 */
export class OnCallHuman {
  private busy = false;
  /** When the human finished (decided nothing is needed, or completed the rollback). */
  finishedAt: number | undefined;
  private readonly ackMs: number;
  private readonly investigateMs: number;
  private readonly rollbackMs: number;

  constructor(
    private readonly clock: Clock,
    rng: Rng,
    times: Stack['oncall'],
    private readonly timeline: Timeline,
    private readonly actions: OnCallActions,
  ) {
    this.ackMs = drawHumanTime(rng, times.ack);
    this.investigateMs = drawHumanTime(rng, times.investigate);
    this.rollbackMs = drawHumanTime(rng, times.rollback);
  }

  /** True from the page until the human is done. */
  get engaged(): boolean {
    return this.busy && this.finishedAt === undefined;
  }

  page(reason: string): void {
    if (this.busy) return;
    this.busy = true;
    void this.respond(reason);
  }

  private async respond(reason: string): Promise<void> {
    await this.clock.sleep(this.ackMs);
    this.emit('page.acked', { reason, afterMs: this.ackMs });
    await this.clock.sleep(this.investigateMs);
    if (!this.actions.isDeployLive()) {
      this.emit('investigation.done', { decision: 'none', why: 'the deploy was already rolled back', afterMs: this.investigateMs });
      this.finishedAt = this.clock.now();
      return;
    }
    this.emit('investigation.done', { decision: 'rollback', why: 'the page followed a deploy that is still live', afterMs: this.investigateMs });
    this.emit('rollback.started', {});
    await this.clock.sleep(this.rollbackMs);
    await this.actions.rollback();
    this.emit('rollback.done', { afterMs: this.rollbackMs });
    this.finishedAt = this.clock.now();
  }

  private emit(type: string, data: Record<string, unknown>): void {
    this.timeline.emit(this.clock.now(), 'oncall', type, data);
  }
}
