import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/clock/virtual-clock.ts';

describe('VirtualClock', () => {
  it('runs events in time order, ties in scheduling order', async () => {
    const clock = new VirtualClock();
    const seen: string[] = [];
    clock.schedule(20, () => seen.push('b@20'));
    clock.schedule(10, () => seen.push('a@10'));
    clock.schedule(20, () => seen.push('c@20'));
    await clock.runUntil(100);
    expect(seen).toEqual(['a@10', 'b@20', 'c@20']);
    expect(clock.now()).toBe(100);
  });

  it('lets async code observe the right time after each sleep', async () => {
    const clock = new VirtualClock();
    const log: number[] = [];
    const actor = async (step: number): Promise<void> => {
      for (let i = 0; i < 3; i++) {
        await clock.sleep(step);
        log.push(clock.now());
      }
    };
    void actor(10);
    void actor(15);
    await clock.runUntil(1000);
    expect(log).toEqual([10, 15, 20, 30, 30, 45]);
  });

  it('does not run events past the end, and cancelled events never', async () => {
    const clock = new VirtualClock();
    let ran = 0;
    const cancel = clock.schedule(5, () => ran++);
    clock.schedule(50, () => ran++);
    cancel();
    await clock.runUntil(40);
    expect(ran).toBe(0);
    await clock.runUntil(60);
    expect(ran).toBe(1);
  });

  it('rejects a sleep when its signal aborts', async () => {
    const clock = new VirtualClock();
    const ctl = new AbortController();
    const p = clock.sleep(100, ctl.signal);
    clock.schedule(10, () => ctl.abort(new Error('stop')));
    const outcome = p.then(() => 'resolved', (e: Error) => e.message);
    await clock.runUntil(200);
    expect(await outcome).toBe('stop');
  });
});
