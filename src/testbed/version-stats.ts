/** A version's worker pool and running request totals: what a process reports, what watches read. */
export interface PoolStats {
  busy: number;
  queued: number;
  workers: number;
  requests: number;
  serverErrors: number;
  dependencyTimeouts: number;
}

/** The same, for one named version of a service (stable or canary). */
export interface VersionStats extends PoolStats {
  version: string;
}

/** What a saturation watch or a snapshot reads of a runtime: its services and each version's stats. */
export interface VersionStatsSource {
  serviceNames(): string[];
  versionStats(service: string): VersionStats[];
}
