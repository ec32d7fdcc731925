import type { Clock } from '../clock/clock.ts';
import type { Stack } from '../scenario/load-stack.ts';
import type { Timeline } from '../timeline/timeline.ts';
import type { Rng } from '../util/rng.ts';
import { drawHumanTime } from './human-time.ts';
import type { EventPayload, EventType } from '../timeline/event-catalog.ts';

/** How good the diagnosis the human read was (graded by the harness against ground truth). */
export type DiagnosisQuality = 'exact' | 'partial' | 'wrong' | 'none';

/** Investigation time multipliers per diagnosis quality (stack `oncall.diagnosis`). */
export type DiagnosisFactors = Record<DiagnosisQuality, number>;

export interface OnCallActions {
  /** True while the new revision still serves traffic (nothing rolled it back yet). */
  isDeployLive(): boolean;
  rollback(): Promise<void>;
  /** A reason to hold off rolling back (a merged fix is rolling out) and until when; undefined: go ahead. */
  standDown?(): { why: string; until: Promise<void> } | undefined;
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
  /** A diagnosis read before the investigation started scales all of it. */
  private factor = 1;
  private diagnosis: DiagnosisQuality | undefined;
  /** While investigating: when it will end, and how to end it at another time. */
  private investigation: { end: number; cancel: () => void; done: () => void } | undefined;

  constructor(
    private readonly clock: Clock,
    rng: Rng,
    times: Stack['oncall'],
    private readonly timeline: Timeline,
    private readonly actions: OnCallActions,
    private readonly diagnosisFactors?: DiagnosisFactors,
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

  /**
   * The agent's diagnosis reached the human: the investigation (or what is left of it) takes
   * `factor` times as long. An exact RCA shortens it, a wrong one sends them the wrong way first.
   */
  readDiagnosis(quality: DiagnosisQuality): void {
    if (!this.diagnosisFactors || this.diagnosis !== undefined || this.finishedAt !== undefined) return;
    this.diagnosis = quality;
    const factor = this.diagnosisFactors[quality];
    const inv = this.investigation;
    if (!inv) {
      this.factor = factor;
      return;
    }
    const now = this.clock.now();
    const end = now + Math.round((inv.end - now) * factor);
    this.emit('investigation.informed', { diagnosis: quality, factor, remainingMs: inv.end - now, nowRemainingMs: end - now });
    inv.cancel();
    inv.end = end;
    inv.cancel = this.clock.schedule(end, inv.done);
  }

  private async respond(reason: string): Promise<void> {
    await this.clock.sleep(this.ackMs);
    this.emit('page.acked', { reason, afterMs: this.ackMs });
    const started = this.clock.now();
    await this.investigate(Math.round(this.investigateMs * this.factor));
    const spent = this.clock.now() - started;
    const read = this.diagnosis === undefined ? {} : { diagnosis: this.diagnosis };
    if (!this.actions.isDeployLive()) {
      this.emit('investigation.done', { decision: 'none', why: 'the deploy was already rolled back', afterMs: spent, ...read });
      this.finishedAt = this.clock.now();
      return;
    }
    const standDown = this.actions.standDown?.();
    if (standDown) {
      // They watch the fix roll out; if it does not take the bad revision away, they roll back.
      this.emit('investigation.waiting', { why: standDown.why, afterMs: spent, ...read });
      await standDown.until;
      if (!this.actions.isDeployLive()) {
        this.emit('investigation.done', { decision: 'none', why: 'the fix replaced the bad revision', afterMs: this.clock.now() - started, ...read });
        this.finishedAt = this.clock.now();
        return;
      }
    }
    this.emit('investigation.done', { decision: 'rollback', why: 'the page followed a deploy that is still live', afterMs: this.clock.now() - started, ...read });
    this.emit('rollback.started', {});
    await this.clock.sleep(this.rollbackMs);
    await this.actions.rollback();
    this.emit('rollback.done', { afterMs: this.rollbackMs });
    this.finishedAt = this.clock.now();
  }

  /** Waits out the investigation; readDiagnosis may move its end meanwhile. */
  private investigate(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const end = this.clock.now() + ms;
      const done = (): void => {
        this.investigation = undefined;
        resolve();
      };
      this.investigation = { end, done, cancel: this.clock.schedule(end, done) };
    });
  }

  private emit<K extends EventType>(type: K, data: EventPayload<K>): void {
    this.timeline.emit(this.clock.now(), 'oncall', type, data);
  }
}
