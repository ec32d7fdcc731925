import { describe, expect, it } from 'vitest';
import { ScaledClock } from '../../../../src/world/local/scaled-clock.ts';

describe('ScaledClock', () => {
  it('runs virtual time `scale` times faster than real time, from its restart', async () => {
    const clock = new ScaledClock(50);
    clock.restart();
    const real = performance.now();
    await clock.sleep(5_000);
    const elapsedReal = performance.now() - real;
    expect(clock.now()).toBeGreaterThanOrEqual(5_000);
    expect(elapsedReal).toBeGreaterThanOrEqual(99);
    expect(elapsedReal).toBeLessThan(400);
  });

  it('never runs a scheduled callback before its time', async () => {
    const clock = new ScaledClock(1000);
    const seen: number[] = [];
    await Promise.all([1, 17, 333, 1999].map((at) => new Promise<void>((resolve) => clock.schedule(at, () => { seen.push(clock.now() - at); resolve(); }))));
    expect(seen.every((late) => late >= 0)).toBe(true);
  });

  it('maps Unix ms both ways consistently', () => {
    const clock = new ScaledClock(10);
    const u = clock.toUnixMs(60_000);
    expect(clock.fromUnixMs(u)).toBe(60_000);
    expect(u - clock.toUnixMs(0)).toBeCloseTo(6_000, 6);
  });

  it('cancels, and halts everything pending', async () => {
    const clock = new ScaledClock(100);
    let ran = 0;
    const cancel = clock.schedule(clock.now() + 500, () => ran++);
    cancel();
    clock.schedule(clock.now() + 500, () => ran++);
    const sleeping = clock.sleep(500).then(() => ran++);
    clock.halt();
    clock.schedule(clock.now(), () => ran++);
    await new Promise((r) => setTimeout(r, 30));
    expect(ran).toBe(0);
    void sleeping;
  });

  it('rejects a sleep when its signal aborts', async () => {
    const clock = new ScaledClock(1);
    const ac = new AbortController();
    const p = clock.sleep(10_000, ac.signal);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
  });
});
