import type { VersionStats, VersionStatsSource } from '../testbed/version-stats.ts';

/** Queue depth that counts as saturated: a few requests waiting on a fully busy pool. */
const ENTER_QUEUED = 3;
/** Share of 5xx answers over the error window that counts as "errors rising". */
const ERROR_SHARE = 0.02;
/** Checks a condition must stay clear before its episode counts as over (hysteresis). */
const EXIT_QUIET_CHECKS = 25;
/** Checks per error window (25 x 200 ms = 5 s): long enough that one unlucky request is no trend. */
const ERROR_WINDOW_CHECKS = 25;
/** Fewest 5xx answers in the window that count as errors rising. */
const MIN_ERRORS = 3;

export interface WatchChange {
  type: 'saturation.started' | 'saturation.ended' | 'errors.started' | 'errors.ended';
  service: string;
  version: string;
  detail: Record<string, number>;
}

/**
 * Watches every service version at a fine interval and reports episodes: a pool saturating (all
 * workers busy, requests queuing) and a version's 5xx share rising, with when each ends. These
 * transitions show a cascade's order in the timeline: the dependency saturates before its
 * callers' errors rise. Counted at completion time, not at request start.
 */
export class SaturationWatch {
  private readonly saturated = new Map<string, number>();
  private readonly erroring = new Map<string, number>();
  private readonly history = new Map<string, { requests: number; errors: number }[]>();

  constructor(private readonly runtime: VersionStatsSource) {}

  check(): WatchChange[] {
    const changes: WatchChange[] = [];
    for (const service of this.runtime.serviceNames()) {
      for (const v of this.runtime.versionStats(service)) {
        const key = `${service}/${v.version}`;
        const full = v.workers > 0 && v.busy >= v.workers && v.queued >= ENTER_QUEUED;
        const saturation = this.track(this.saturated, key, full, v.queued > 0);
        if (saturation) changes.push({ type: `saturation.${saturation}`, service, version: v.version, detail: { busy: v.busy, queued: v.queued, workers: v.workers } });
        const share = this.errorShare(key, v);
        const errors = this.track(this.erroring, key, share >= ERROR_SHARE, share > 0);
        if (errors) changes.push({ type: `errors.${errors}`, service, version: v.version, detail: { errorShare: Number(share.toFixed(4)) } });
      }
    }
    return changes;
  }

  private errorShare(key: string, v: VersionStats): number {
    let h = this.history.get(key);
    if (!h) {
      h = [];
      this.history.set(key, h);
    }
    h.push({ requests: v.requests, errors: v.serverErrors });
    if (h.length > ERROR_WINDOW_CHECKS + 1) h.shift();
    const first = h[0];
    const requests = v.requests - first.requests;
    const errors = v.serverErrors - first.errors;
    return errors >= MIN_ERRORS ? errors / requests : 0;
  }

  /** One check of one condition: whether an episode started or ended with it (else undefined). */
  private track(episodes: Map<string, number>, key: string, enter: boolean, stillActive: boolean): 'started' | 'ended' | undefined {
    const quiet = episodes.get(key);
    if (quiet === undefined) {
      if (!enter) return undefined;
      episodes.set(key, 0);
      return 'started';
    }
    if (stillActive) {
      episodes.set(key, 0);
      return undefined;
    }
    if (quiet + 1 >= EXIT_QUIET_CHECKS) {
      episodes.delete(key);
      return 'ended';
    }
    episodes.set(key, quiet + 1);
    return undefined;
  }
}
