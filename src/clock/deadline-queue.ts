import type { VirtualClock } from './virtual-clock.ts';

/** Something with a deadline: `expire` runs at the deadline unless it was settled first. */
export interface Expiring {
  settled: boolean;
  expire(): void;
}

/**
 * Timeouts of one fixed length, in virtual time. Deadlines of a fixed delay arrive in order, so a
 * FIFO plus a single pending clock event replaces one heap timer per request: the sim sets a
 * client timeout on every user request and dependency call, and nearly all are cancelled.
 * Expiry times are exact (the event fires at the head's deadline).
 */
export class DeadlineQueue {
  private readonly items: { at: number; item: Expiring }[] = [];
  private head = 0;
  private armedAt: number | undefined;

  constructor(
    private readonly clock: VirtualClock,
    readonly delayMs: number,
  ) {}

  add(item: Expiring): void {
    const at = this.clock.now() + this.delayMs;
    this.items.push({ at, item });
    if (this.armedAt === undefined) this.arm(at);
  }

  private arm(at: number): void {
    this.armedAt = at;
    this.clock.enqueue(at, () => this.fire());
  }

  private fire(): void {
    this.armedAt = undefined;
    const now = this.clock.now();
    while (this.head < this.items.length) {
      const { at, item } = this.items[this.head];
      if (item.settled) {
        this.head++;
        continue;
      }
      if (at > now) break;
      this.head++;
      item.expire();
    }
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    // Skip settled items so the next event is armed only for a live deadline.
    while (this.head < this.items.length && this.items[this.head].item.settled) this.head++;
    if (this.head < this.items.length) this.arm(this.items[this.head].at);
  }
}
