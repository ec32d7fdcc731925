import { UserInputError } from '../util/errors.ts';
import { createLocalWorld } from './local/create-local-world.ts';
import { createClusterWorld } from './cluster/create-cluster-world.ts';
import { createKindWorld } from './cluster/kind/create-kind-world.ts';
import { createSimWorld } from './sim/create-sim-world.ts';
import type { World } from './world.ts';
import type { WorldRequest } from './world-request.ts';

export type { WorldRequest };

/**
 * `cluster`: the real Argo controller decides, on the local control plane (`--cluster NAME`,
 * default `firedrill`) or any kubeconfig (`--kubeconfig FILE`); `kind`: everything in a kind
 * cluster (`firedrill cluster up --kind`), reached through port-forwards.
 */
export type BackendName = 'sim' | 'local' | 'kind' | 'cluster';

/** Backends by name: each builds a World for one run from the same scenario and stack. */
const BACKENDS: Record<BackendName, (req: WorldRequest) => Promise<World>> = {
  sim: createSimWorld,
  local: createLocalWorld,
  kind: (req) => createKindWorld(req),
  cluster: createClusterWorld,
};

export async function createWorld(backend: BackendName, req: WorldRequest): Promise<World> {
  const create = BACKENDS[backend];
  if (!create) throw new UserInputError(`unknown backend "${backend}"`, { hint: 'sim (the default), local, cluster or kind' });
  return create(req);
}
