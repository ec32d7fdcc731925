/**
 * The newest `capacity` items, oldest first: a fixed array written round, so keeping the last
 * lines of a busy service costs no copying (Array#shift on a full 2,000-line buffer moved every
 * line on every log call).
 */
export class LogRing<T> {
  private readonly items: T[] = [];
  /** Index of the oldest item once the ring is full. */
  private start = 0;

  constructor(private readonly capacity: number) {}

  /** Adds `item`; returns true when it pushed the oldest one out. */
  push(item: T): boolean {
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return false;
    }
    this.items[this.start] = item;
    this.start = this.start + 1 === this.capacity ? 0 : this.start + 1;
    return true;
  }

  *[Symbol.iterator](): Iterator<T> {
    const n = this.items.length;
    for (let i = 0; i < n; i++) yield this.items[(this.start + i) % n];
  }
}
