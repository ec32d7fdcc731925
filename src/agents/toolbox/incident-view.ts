import type { Clock } from '../../clock/clock.ts';
import type { MetricSource } from '../../metrics/metric-source.ts';
import type { TimelineEvent } from '../../timeline/events.ts';
import type { LogQuery, ServiceLogLine } from '../../testbed/service-logs.ts';
import type { Topology } from '../protocol/incident-bundle.ts';
import type { ClusterReads } from './cluster-reads.ts';

export type { LogQuery, ServiceLogLine };

/** What `rollout` answers: the Rollout's status and its AnalysisRuns, as kubectl argo rollouts get would show. */
export interface RolloutView {
  rollout: Record<string, unknown>;
  analysisRuns: Record<string, unknown>[];
}

/**
 * Everything the toolbox serves, read live from the run (never ground truth). The runner builds
 * it from the world, the rollout controller, the workspace and the timeline.
 */
export interface IncidentView {
  /** The world's backend (`sim`, `local`, `cluster`): tools this backend cannot serve say so with it. */
  backend: string;
  /** The run's namespace through the API server: only on the cluster backend. */
  cluster?: ClusterReads;
  clock: Clock;
  metrics: MetricSource;
  logs(query: LogQuery): ServiceLogLine[];
  /** The deploy's diff (`git diff parent commit`). */
  diff(): string;
  /** A file at a commit of the run's repo; undefined when it does not exist there. */
  fileAt(commit: string, path: string): Promise<string | undefined>;
  /** Paths of the files at a commit, under a folder ('' for all); undefined when there is no such commit. */
  listFiles(commit: string, under: string): Promise<string[] | undefined>;
  rollout(): RolloutView | undefined | Promise<RolloutView | undefined>;
  /** Timeline events so far that an operator would see (rollout, analysis, pages, deploys). */
  events(since?: number): TimelineEvent[];
  topology(): Topology;
}
