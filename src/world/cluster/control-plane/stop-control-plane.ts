import { rmSync } from 'node:fs';
import type { ClusterState } from './cluster-state.ts';
import { stopComponent } from './component-process.ts';

// Controllers first (they would log errors about a vanished API server), then the API server, then etcd.
const STOP_ORDER = [['rollouts-controller', 'kwok', 'kube-scheduler', 'kube-controller-manager'], ['kube-apiserver'], ['etcd']];

/** `firedrill cluster down`: stops every recorded component (and its process group) and removes the state dir. */
export async function stopControlPlane(state: Pick<ClusterState, 'dir' | 'components'>): Promise<void> {
  for (const group of STOP_ORDER) {
    await Promise.all(state.components.filter((c) => group.includes(c.binary)).map((c) => stopComponent(c)));
  }
  rmSync(state.dir, { recursive: true, force: true });
}
