import type { IncidentView, RolloutView } from '../../agents/toolbox/incident-view.ts';
import type { Topology } from '../../agents/protocol/incident-bundle.ts';
import type { Timeline } from '../../timeline/timeline.ts';
import type { TimelineEvent } from '../../timeline/events.ts';
import { git } from '../../testbed/workspace.ts';
import type { World } from '../../world/world.ts';

/** Event sources an operator sees (the controller, analysis, the pager, people, deploys); never the world's ground truth. */
const OPERATOR_SOURCES = new Set(['rollout', 'analysis', 'pager', 'oncall']);
const OPERATOR_HARNESS_EVENTS = /^deploy\./;

/**
 * What the toolbox serves, read live from the run: the world's metrics and logs, the workspace
 * repo, the rollout and its AnalysisRuns, the events an operator would have seen so far, and on
 * the cluster backend the API server's objects.
 */
export function incidentViewOfRun(opts: {
  world: World; timeline: Timeline; topology: Topology; diff: string; rollout?: () => RolloutView | undefined;
}): IncidentView {
  const { world } = opts;
  // On a cluster the Rollout and AnalysisRuns are the API server's (the real controller's), not the runner's model.
  const cluster = world.readCluster?.();
  return {
    backend: world.backend,
    ...(cluster ? { cluster } : {}),
    clock: world.clock,
    metrics: world.metrics,
    logs: (q) => world.logs.query(q),
    diff: () => opts.diff,
    fileAt: async (commit, path) => {
      try {
        return (await git(world.workspace.dir, ['show', `${commit}:${path}`])).stdout;
      } catch {
        return undefined;
      }
    },
    listFiles: async (commit, under) => {
      try {
        const args = ['ls-tree', '-r', '--name-only', commit, ...(under ? ['--', under] : [])];
        return (await git(world.workspace.dir, args)).stdout.split('\n').filter(Boolean);
      } catch {
        return undefined;
      }
    },
    rollout: () => (cluster ? cluster.rolloutView() : opts.rollout?.()),
    events: (since = 0) => opts.timeline.all().filter((e) => e.t >= since && isOperatorVisible(e)) as TimelineEvent[],
    topology: () => opts.topology,
  };
}

function isOperatorVisible(e: TimelineEvent): boolean {
  return OPERATOR_SOURCES.has(e.source) || (e.source === 'harness' && OPERATOR_HARNESS_EVENTS.test(e.type));
}
