import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ContainerRuntimeClient } from 'testcontainers';
import { InfraError } from '../../util/errors.ts';

/**
 * Where a Docker engine seems to be, without asking it (synchronous, for choosing `--prometheus
 * auto`): DOCKER_HOST when set, else the first socket that exists among the rootful, rootless and
 * Docker Desktop defaults. Undefined when there is none. testcontainers finds the engine the same way.
 */
export function findDockerEngine(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string | undefined {
  if (env.DOCKER_HOST) return env.DOCKER_HOST;
  const sockets = ['/var/run/docker.sock', ...(env.XDG_RUNTIME_DIR ? [join(env.XDG_RUNTIME_DIR, 'docker.sock')] : []), join(homedir(), '.docker/run/docker.sock')];
  const found = sockets.find(exists);
  return found ? `unix://${found}` : undefined;
}

export const NO_ENGINE_HINT =
  'start the Docker engine (or dockerd), or point DOCKER_HOST at it (e.g. unix:///run/user/1000/docker.sock for rootless Docker); or use --prometheus auto|off|PATH';

/** The Docker engine through testcontainers, or an InfraError saying none answered. */
export async function connectDockerEngine(): Promise<ContainerRuntimeClient> {
  // The container shares the host's network, so the host testcontainers would otherwise work out
  // (from the bridge network's gateway, when this process runs in a container itself) is never
  // used: 127.0.0.1 is right, and it spares an engine without a bridge network a failed lookup.
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
  // Loaded on use: testcontainers takes seconds to import, and most runs never need it.
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    return await getContainerRuntimeClient();
  } catch (err) {
    const where = findDockerEngine() ?? 'no DOCKER_HOST and no Docker socket found';
    throw new InfraError(`no Docker engine answered (${where}): ${(err as Error).message}`, { hint: NO_ENGINE_HINT, cause: err });
  }
}
