import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../src/clock/event-queue.ts';
import { createRng } from '../../../src/util/rng.ts';

describe('EventQueue', () => {
  it('runs events by time, and events at one time in the order they were queued, across growth and slot reuse', () => {
    const q = new EventQueue();
    const rng = createRng(7);
    // The reference: every queued event in a list, the earliest (time, then queue order) taken each time.
    const reference: { at: number; id: number }[] = [];
    const ran: number[] = [];
    const expected: number[] = [];
    let n = 0;
    const takeOne = (): void => {
      let best = 0;
      for (let i = 1; i < reference.length; i++) {
        const e = reference[i];
        const b = reference[best];
        if (e.at < b.at || (e.at === b.at && e.id < b.id)) best = i;
      }
      expected.push(reference.splice(best, 1)[0].id);
      q.pop()();
    };
    // Pushes and pops interleaved: freed slots are reused while the heap grows past its first size.
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 1500; i++) {
        const id = n++;
        const at = round * 20 + rng.int(50);
        reference.push({ at, id });
        q.push(at, () => ran.push(id));
      }
      for (let i = 0; i < 700; i++) if (q.hasLive()) takeOne();
    }
    while (q.hasLive()) takeOne();
    expect(ran).toEqual(expected);
    expect(ran).toHaveLength(n);
  });

  it('skips a cancelled event, and a cancellation that comes after its event ran touches nothing else', () => {
    const q = new EventQueue();
    const ran: string[] = [];
    const a = q.push(10, () => ran.push('a'));
    const b = q.push(20, () => ran.push('b'));
    q.push(30, () => ran.push('c'));
    q.cancel(b);
    expect(q.hasLive()).toBe(true);
    q.pop()(); // a runs; its slot is free again
    const d = q.push(15, () => ran.push('d')); // reuses a's slot
    q.cancel(a); // late: a already ran, d must still run
    while (q.hasLive()) q.pop()();
    expect(ran).toEqual(['a', 'd', 'c']);
    expect(q.size).toBe(0);
    q.cancel(d); // after everything ran: nothing to do, no error
  });

  it('reports the earliest live time', () => {
    const q = new EventQueue();
    const first = q.push(5, () => undefined);
    q.push(7, () => undefined);
    q.cancel(first);
    expect(q.hasLive()).toBe(true);
    expect(q.topAt()).toBe(7);
  });
});
