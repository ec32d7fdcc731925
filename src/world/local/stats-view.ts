import type { SimRuntime, VersionStats } from '../../testbed/sim/sim-runtime.ts';
import type { LocalTestbed } from './local-testbed.ts';

/**
 * The two questions the sim's SaturationWatch and takeSnapshot ask a runtime (which services,
 * and each version's pool and totals), answered from the stats the processes push. The canary
 * is listed once it has been started, as in the sim.
 */
export class StatsView {
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

  /** SaturationWatch and takeSnapshot are typed with the sim's runtime class but call only the two methods above. */
  asRuntime(): SimRuntime {
    return this as unknown as SimRuntime;
  }
}
