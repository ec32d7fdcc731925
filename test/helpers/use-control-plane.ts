import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { callKube, startControlPlane, stopControlPlane, type ControlPlane } from '../../src/world/cluster/control-plane/index.ts';

export interface ControlPlaneFixture {
  /** The environment that makes `firedrill --cluster NAME` find this control plane (its own clusters folder). */
  env: NodeJS.ProcessEnv;
  name: string;
  plane(): ControlPlane;
  /** The namespaces runs made (`firedrill-...`) still in the cluster: [] once every run cleaned up. */
  listRunNamespaces(): Promise<string[]>;
}

/** A local control plane for the calling describe block: started before its tests, stopped and its folder removed after. */
export function useControlPlane(name: string): ControlPlaneFixture {
  const clustersDir = mkdtempSync(join(tmpdir(), 'firedrill-clusters-'));
  const env = { ...process.env, FIREDRILL_CLUSTERS_DIR: clustersDir };
  let plane: ControlPlane | undefined;
  beforeAll(async () => {
    plane = await startControlPlane({ name, env });
  }, 120_000);
  afterAll(async () => {
    if (plane) await stopControlPlane(plane.state);
    rmSync(clustersDir, { recursive: true, force: true });
  });
  const started = (): ControlPlane => {
    if (!plane) throw new Error(`control plane ${name} is not started`);
    return plane;
  };
  return {
    env, name, plane: started,
    async listRunNamespaces() {
      const { body } = await callKube<{ items: { metadata: { name: string } }[] }>(started().conn, 'GET', '/api/v1/namespaces');
      return body.items.map((n) => n.metadata.name).filter((n) => n.startsWith('firedrill-'));
    },
  };
}
