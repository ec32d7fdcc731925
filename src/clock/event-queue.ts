/**
 * A binary min-heap of timed callbacks. Ties break by insertion order (seq), which is what makes
 * a virtual-time run deterministic: two events at the same instant always run in the order they
 * were scheduled.
 *
 * Laid out for the sim, which queues and runs millions of events a drill: each event lives in a
 * numbered slot (its time and seq in typed arrays, its callback in a plain array), and the heap
 * orders slot numbers in an Int32Array. Sifting moves integers, so it allocates nothing and
 * needs no write barrier; an event object per push, moved ~log n times into a long-lived array,
 * cost both. Freed slots are reused. A slot's generation changes when its event leaves, so a
 * cancellation that comes late (the event already ran) cannot hit a later event in that slot.
 */
export class EventQueue {
  private capacity = 1024;
  private at = new Float64Array(this.capacity);
  /** Insertion order (a double: more than 2^32 events fit in a long run). */
  private seqOf = new Float64Array(this.capacity);
  private fns: ((() => void) | undefined)[] = new Array<(() => void) | undefined>(this.capacity).fill(undefined);
  private cancelled = new Uint8Array(this.capacity);
  private generation = new Uint32Array(this.capacity);
  /** Slot numbers in heap order. */
  private heap = new Int32Array(this.capacity);
  private count = 0;
  /** Free slot numbers, a stack. */
  private free = new Int32Array(this.capacity);
  private freeCount = 0;
  private seq = 0;

  constructor() {
    this.pushFree(0, this.capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Queues `fn` at `at`; returns a handle for cancel (callers that never cancel can ignore it). */
  push(at: number, fn: () => void): number {
    if (this.freeCount === 0) this.grow();
    const slot = this.free[--this.freeCount];
    this.at[slot] = at;
    this.seqOf[slot] = this.seq++;
    this.fns[slot] = fn;
    this.cancelled[slot] = 0;
    // Sift up by moving parents down into the hole: no swaps.
    const heap = this.heap;
    let i = this.count++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = heap[p];
      if (!this.before(slot, parent)) break;
      heap[i] = parent;
      i = p;
    }
    heap[i] = slot;
    return slot * 2 ** 32 + this.generation[slot];
  }

  /** Drops the event `handle` names, if it has not run yet (it is skipped when it comes up). */
  cancel(handle: number): void {
    const slot = Math.floor(handle / 2 ** 32);
    if (slot < this.capacity && this.generation[slot] === handle % 2 ** 32 && this.fns[slot] !== undefined) this.cancelled[slot] = 1;
  }

  /** Removes cancelled events from the top; then whether an event is waiting. */
  hasLive(): boolean {
    while (this.count > 0 && this.cancelled[this.heap[0]] === 1) this.removeTop();
    return this.count > 0;
  }

  /** The time of the first event (call hasLive first). */
  topAt(): number {
    return this.at[this.heap[0]];
  }

  /** Takes the first event off the queue and returns its callback (call hasLive first). */
  pop(): () => void {
    const fn = this.fns[this.heap[0]]!;
    this.removeTop();
    return fn;
  }

  private removeTop(): void {
    const heap = this.heap;
    const top = heap[0];
    this.fns[top] = undefined;
    this.generation[top]++;
    this.free[this.freeCount++] = top;
    const last = heap[--this.count];
    const n = this.count;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.before(heap[r], heap[l]) ? r : l;
      if (!this.before(heap[c], last)) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = last;
  }

  private before(a: number, b: number): boolean {
    const ta = this.at[a];
    const tb = this.at[b];
    return ta < tb || (ta === tb && this.seqOf[a] < this.seqOf[b]);
  }

  private grow(): void {
    const old = this.capacity;
    const capacity = old * 2;
    this.at = copyInto(new Float64Array(capacity), this.at);
    this.seqOf = copyInto(new Float64Array(capacity), this.seqOf);
    this.cancelled = copyInto(new Uint8Array(capacity), this.cancelled);
    this.generation = copyInto(new Uint32Array(capacity), this.generation);
    this.heap = copyInto(new Int32Array(capacity), this.heap);
    this.free = new Int32Array(capacity);
    for (let i = old; i < capacity; i++) this.fns.push(undefined);
    this.capacity = capacity;
    this.pushFree(old, capacity);
  }

  /** Frees slots [from, to), the lowest on top. */
  private pushFree(from: number, to: number): void {
    for (let slot = to - 1; slot >= from; slot--) this.free[this.freeCount++] = slot;
  }
}

function copyInto<T extends Float64Array | Uint8Array | Uint32Array | Int32Array>(to: T, from: T): T {
  to.set(from);
  return to;
}
