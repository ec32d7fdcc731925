import { measureWork, type Clock, type Held } from '../../clock/clock.ts';

/**
 * The local world's clock: wall time, compressed. now() is virtual ms since the run's start
 * (real elapsed ms x scale), so a local timeline reads like a sim one and every duration the
 * stack schedules on it (pauses, analysis intervals, the on-call human's times) runs `scale`
 * times faster in real time. What the testbed itself does (service time, timeouts, user latency)
 * is not compressed: that is the physics being measured.
 */
export class ScaledClock implements Clock {
  private originPerf: number;
  private readonly timers = new Set<NodeJS.Timeout>();
  private halted = false;

  constructor(readonly scale: number) {
    this.originPerf = performance.now();
  }

  /** Makes this instant virtual 0 (the world calls it once traffic starts). */
  restart(): void {
    this.originPerf = performance.now();
  }

  now(): number {
    return Math.round((performance.now() - this.originPerf) * this.scale);
  }

  /** Unix ms (what Prometheus stamps samples with) of a virtual time. */
  toUnixMs(virtualMs: number): number {
    return performance.timeOrigin + this.originPerf + virtualMs / this.scale;
  }

  /** Virtual ms of a Unix ms timestamp. */
  fromUnixMs(unixMs: number): number {
    return Math.round((unixMs - performance.timeOrigin - this.originPerf) * this.scale);
  }

  /** Real ms a virtual duration takes. */
  toRealMs(virtualMs: number): number {
    return virtualMs / this.scale;
  }

  /**
   * Stops time for everything scheduled on this clock: pending callbacks and sleeps never run
   * (as on a virtual clock nobody advances any more). A stopped world calls it, so a human's
   * hour-long investigation still pending does not keep the process alive.
   */
  halt(): void {
    this.halted = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  schedule(at: number, fn: () => void): () => void {
    let timer: NodeJS.Timeout | undefined;
    const arm = (delay: number): void => {
      if (this.halted) return;
      timer = setTimeout(() => {
        this.timers.delete(timer!);
        // Timers may fire a fraction of a ms early; callers rely on now() >= at when fn runs.
        const left = at - this.now();
        if (left > 0) arm(Math.max(1, left / this.scale));
        else fn();
      }, delay);
      this.timers.add(timer);
    };
    arm(Math.max(0, (at - this.now()) / this.scale));
    return () => {
      if (timer) {
        clearTimeout(timer);
        this.timers.delete(timer);
      }
    };
  }

  /** Wall time cannot stop: the world runs on while the work is in flight, as it would for real. */
  hold<T>(work: Promise<T>): Promise<Held<T>> {
    return measureWork(work);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        cancel();
        reject(signal!.reason);
      };
      const cancel = this.schedule(this.now() + Math.max(0, ms), () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
