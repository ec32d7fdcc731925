import type { Scenario } from '../scenario/scenario.ts';
import type { Stack } from '../scenario/load-stack.ts';
import type { Timeline } from '../timeline/timeline.ts';
import type { Workspace } from '../testbed/workspace.ts';
import type { Rng } from '../util/rng.ts';
import type { LocalOptions } from './local/local-options.ts';
import type { ClusterOptions } from './cluster/cluster-options.ts';

/** What every backend gets to build the World for one run. */
export interface WorldRequest {
  scenario: Scenario;
  stack: Stack;
  workspace: Workspace;
  seed: number;
  rng: Rng;
  timeline: Timeline;
  /** The run's stop signal: a wall-clock world stops its processes as soon as it aborts. */
  signal?: AbortSignal;
  /** Options of the `local` backend (time scale, load driver, Prometheus); ignored by the others. */
  local?: LocalOptions;
  /** Which cluster the `cluster` backend uses (--cluster, --kubeconfig, --context, --keep); it also takes `local`'s options. */
  cluster?: ClusterOptions;
}
