import type { VirtualClock } from './virtual-clock.ts';

/**
 * Something with a deadline: `expire` runs at the deadline unless it was settled first. The queue
 * writes `deadline` itself (kept on the item: no wrapper object per timeout).
 */
export interface Expiring {
  settled: boolean;
  deadline: number;
  expire(): void;
}

/**
 * Timeouts of one fixed length, in virtual time. Deadlines of a fixed delay arrive in order, so a
 * FIFO plus a single pending clock event replaces one heap timer per request: the sim sets a
 * client timeout on every user request and dependency call, and nearly all are cancelled.
 * Expiry times are exact (the event fires at the head's deadline).
 */
export class DeadlineQueue {
  /** Slots before `head` are emptied as it passes them: a passed item must not keep its request alive. */
  private items: (Expiring | undefined)[] = [];
  private head = 0;
  private armedAt: number | undefined;
  private readonly fireFn = (): void => this.fire();

  constructor(
    private readonly clock: VirtualClock,
    readonly delayMs: number,
  ) {}

  add(item: Expiring): void {
    item.deadline = this.clock.now() + this.delayMs;
    this.items.push(item);
    if (this.armedAt === undefined) this.arm(item.deadline);
  }

  private arm(at: number): void {
    this.armedAt = at;
    this.clock.enqueue(at, this.fireFn);
  }

  /**
   * Takes every live item whose deadline has come, arms the next deadline, then expires the
   * taken ones in deadline order. Arming first means what an expiry does (a retry that adds a new
   * deadline here) finds the queue as it will stand after this event.
   */
  private fire(): void {
    this.armedAt = undefined;
    const now = this.clock.now();
    const items = this.items;
    let due: Expiring | Expiring[] | undefined;
    while (this.head < items.length) {
      const item = items[this.head]!;
      if (item.settled) {
        items[this.head++] = undefined;
        continue;
      }
      if (item.deadline > now) break;
      items[this.head++] = undefined;
      // Nearly always one item is due: no array unless there are more.
      if (due === undefined) due = item;
      else if (Array.isArray(due)) due.push(item);
      else due = [due, item];
    }
    if (this.head > 4096 && this.head * 2 > items.length) {
      this.items = items.slice(this.head);
      this.head = 0;
    }
    // Skip settled items so the next event is armed only for a live deadline.
    const rest = this.items;
    while (this.head < rest.length && rest[this.head]!.settled) rest[this.head++] = undefined;
    if (this.head < rest.length) this.arm(rest[this.head]!.deadline);
    if (Array.isArray(due)) for (const item of due) item.expire();
    else due?.expire();
  }
}
