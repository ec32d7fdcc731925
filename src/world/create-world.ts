import { UserInputError } from '../util/errors.ts';
import { createLocalWorld } from './local/create-local-world.ts';
import { createSimWorld } from './sim/create-sim-world.ts';
import type { World } from './world.ts';
import type { WorldRequest } from './world-request.ts';

export type { WorldRequest };

export type BackendName = 'sim' | 'local' | 'kind';

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
