import type { VersionStats, VersionStatsSource } from '../../testbed/version-stats.ts';
import type { LocalTestbed } from './local-testbed.ts';

/**
 * The two questions SaturationWatch and takeSnapshot ask a runtime (which services,
 * and each version's pool and totals), answered from the stats the processes push. The canary
 * is listed once it has been started, as in the sim.
 */
export class StatsView implements VersionStatsSource {
  canaryStarted = false;

  constructor(private readonly testbed: LocalTestbed, private readonly deployService: string) {}

  serviceNames(): string[] {
    return [...this.testbed.stable.keys()];
  }

  versionStats(service: string): VersionStats[] {
    const out: VersionStats[] = [{ version: 'stable', ...this.testbed.stable.get(service)!.stats }];
    if (service === this.deployService && this.canaryStarted) out.push({ version: 'canary', ...this.testbed.canary.stats });
    return out;
  }
}
