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
  /** By service, then version: found without building a key (the sim checks every 200 ms of a drill). */
  private readonly watches = new Map<string, Map<string, VersionWatch>>();

  constructor(private readonly runtime: VersionStatsSource) {}

  check(): WatchChange[] {
    const changes: WatchChange[] = [];
    for (const service of this.runtime.serviceNames()) {
      for (const v of this.runtime.versionStats(service)) {
        const w = this.watchOf(service, v.version);
        const full = v.workers > 0 && v.busy >= v.workers && v.queued >= ENTER_QUEUED;
        const saturation = w.saturation.step(full, v.queued > 0);
        if (saturation) changes.push({ type: `saturation.${saturation}`, service, version: v.version, detail: { busy: v.busy, queued: v.queued, workers: v.workers } });
        const share = w.window.errorShare(v);
        const errors = w.errors.step(share >= ERROR_SHARE, share > 0);
        if (errors) changes.push({ type: `errors.${errors}`, service, version: v.version, detail: { errorShare: Number(share.toFixed(4)) } });
      }
    }
    return changes;
  }

  private watchOf(service: string, version: string): VersionWatch {
    let byVersion = this.watches.get(service);
    if (!byVersion) {
      byVersion = new Map();
      this.watches.set(service, byVersion);
    }
    let w = byVersion.get(version);
    if (!w) {
      w = { saturation: new Episode(), errors: new Episode(), window: new ErrorWindow() };
      byVersion.set(version, w);
    }
    return w;
  }
}

interface VersionWatch {
  saturation: Episode;
  errors: Episode;
  window: ErrorWindow;
}

/** One condition of one version, with hysteresis: an episode ends after EXIT_QUIET_CHECKS clear checks. */
class Episode {
  /** Clear checks in a row while an episode is on; undefined when none is. */
  private quiet: number | undefined;

  /** One check: whether an episode started or ended with it (else undefined). */
  step(enter: boolean, stillActive: boolean): 'started' | 'ended' | undefined {
    if (this.quiet === undefined) {
      if (!enter) return undefined;
      this.quiet = 0;
      return 'started';
    }
    if (stillActive) {
      this.quiet = 0;
      return undefined;
    }
    if (this.quiet + 1 >= EXIT_QUIET_CHECKS) {
      this.quiet = undefined;
      return 'ended';
    }
    this.quiet++;
    return undefined;
  }
}

/** The running totals at the last ERROR_WINDOW_CHECKS + 1 checks, in a ring (no object per check). */
class ErrorWindow {
  private readonly requests = new Float64Array(ERROR_WINDOW_CHECKS + 1);
  private readonly errors = new Float64Array(ERROR_WINDOW_CHECKS + 1);
  private start = 0;
  private size = 0;

  /** Records this check's totals; the 5xx share since the oldest one kept (0 below MIN_ERRORS). */
  errorShare(v: VersionStats): number {
    const cap = this.requests.length;
    let at: number;
    if (this.size < cap) at = (this.start + this.size++) % cap;
    else {
      at = this.start;
      this.start = (this.start + 1) % cap;
    }
    this.requests[at] = v.requests;
    this.errors[at] = v.serverErrors;
    const requests = v.requests - this.requests[this.start];
    const errors = v.serverErrors - this.errors[this.start];
    return errors >= MIN_ERRORS ? errors / requests : 0;
  }
}
