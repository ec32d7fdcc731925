import type { Scenario } from '../scenario/scenario.ts';
import type { Stack } from '../scenario/load-stack.ts';
import type { Timeline } from '../timeline/timeline.ts';
import type { Workspace } from '../testbed/workspace.ts';
import { UserInputError } from '../util/errors.ts';
import type { Rng } from '../util/rng.ts';
import { createLocalWorld } from './local/create-local-world.ts';
import type { LocalOptions } from './local/local-options.ts';
import { createSimWorld } from './sim/create-sim-world.ts';
import type { World } from './world.ts';

export type BackendName = 'sim' | 'local' | 'kind';

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
}

/** Backends by name: each builds a World for one run from the same scenario and stack. */
const BACKENDS: Record<BackendName, ((req: WorldRequest) => Promise<World>) | undefined> = {
  sim: createSimWorld,
  local: createLocalWorld,
  kind: undefined,
};

export async function createWorld(backend: BackendName, req: WorldRequest): Promise<World> {
  const create = BACKENDS[backend];
  if (!create) {
    throw new UserInputError(`backend "${backend}" is not available yet`, { hint: 'use --backend sim (the default)' });
  }
  return create(req);
}
