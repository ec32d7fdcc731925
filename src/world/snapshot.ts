import type { VersionStatsSource } from '../testbed/version-stats.ts';

/**
 * A compact view of every service's saturation, for the timeline: busy workers, queue depth and
 * capacity per version, and running totals of requests, 5xx answers and dependency timeouts. This is what shows a cascade's order (dependency queue first, caller
 * errors later) in a report.
 */
export function takeSnapshot(runtime: VersionStatsSource): { services: Record<string, unknown> } {
  const services: Record<string, unknown> = {};
  for (const name of runtime.serviceNames()) {
    const versions: Record<string, unknown> = {};
    for (const v of runtime.versionStats(name)) {
      if (v.workers === 0 && v.busy === 0 && v.queued === 0) continue;
      versions[v.version] = { busy: v.busy, queued: v.queued, workers: v.workers, requests: v.requests, serverErrors: v.serverErrors, dependencyTimeouts: v.dependencyTimeouts };
    }
    services[name] = versions;
  }
  return { services };
}
