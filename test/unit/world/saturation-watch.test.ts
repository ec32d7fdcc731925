import { describe, expect, it } from 'vitest';
import { SaturationWatch } from '../../../src/world/saturation-watch.ts';
import type { VersionStats } from '../../../src/testbed/version-stats.ts';

/** One service, one version, whose stats the test sets before each check. */
function source() {
  const stats: VersionStats = { version: 'stable', busy: 0, queued: 0, workers: 4, requests: 0, serverErrors: 0, dependencyTimeouts: 0 };
  return { stats, runtime: { serviceNames: () => ['payments'], versionStats: () => [{ ...stats }] } };
}

describe('SaturationWatch', () => {
  it('starts a saturation episode on a full pool with a queue, ends it after 25 clear checks', () => {
    const { stats, runtime } = source();
    const watch = new SaturationWatch(runtime);
    expect(watch.check()).toEqual([]);
    Object.assign(stats, { busy: 4, queued: 3 });
    expect(watch.check()).toEqual([{ type: 'saturation.started', service: 'payments', version: 'stable', detail: { busy: 4, queued: 3, workers: 4 } }]);
    Object.assign(stats, { busy: 4, queued: 1 });
    expect(watch.check()).toEqual([]); // still queuing: the episode goes on
    Object.assign(stats, { busy: 2, queued: 0 });
    for (let i = 0; i < 24; i++) expect(watch.check()).toEqual([]);
    expect(watch.check().map((c) => c.type)).toEqual(['saturation.ended']);
    expect(watch.check()).toEqual([]);
  });

  it('starts an errors episode at a 2% 5xx share over the last 25 checks (3 errors at least)', () => {
    const { stats, runtime } = source();
    const watch = new SaturationWatch(runtime);
    const changes: string[] = [];
    // 100 requests a check; 2 errors in the first window: below the minimum count of 3.
    for (let i = 1; i <= 25; i++) {
      stats.requests = 100 * i;
      stats.serverErrors = i === 5 || i === 6 ? stats.serverErrors + 1 : stats.serverErrors;
      changes.push(...watch.check().map((c) => c.type));
    }
    expect(changes).toEqual([]);
    // 60 more errors over the next checks: 60 of ~2500 requests in the window, above 2%.
    for (let i = 26; i <= 40; i++) {
      stats.requests = 100 * i;
      stats.serverErrors += 4;
      const found = watch.check();
      changes.push(...found.map((c) => c.type));
      if (found.length) expect(found[0].detail.errorShare).toBeGreaterThanOrEqual(0.02);
    }
    expect(changes).toEqual(['errors.started']);
    // Errors stop after check 40: the share is 0 from check 65 (the window's oldest is check 40),
    // and the 25th quiet check in a row ends the episode.
    const ended: number[] = [];
    for (let i = 41; i <= 120; i++) {
      stats.requests = 100 * i;
      if (watch.check().some((c) => c.type === 'errors.ended')) ended.push(i);
    }
    expect(ended).toEqual([65 + 24]);
  });
});
