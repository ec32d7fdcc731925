import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InfraError, UserInputError } from '../../../util/errors.ts';
import type { ClusterPki } from './cluster-pki.ts';
import type { ControlPlaneBinary } from './control-plane-binaries.ts';

/** One started program of the control plane; `startTicks` tells its pid from a later reuse. */
export interface ComponentRecord {
  binary: ControlPlaneBinary;
  pid: number;
  startTicks: number;
  log: string;
}

/** state.json in a control plane's state dir: what `status` and `down` need, from any process. */
export interface ClusterState {
  name: string;
  dir: string;
  createdAt: string;
  server: string;
  kubeconfig: string;
  pki: ClusterPki;
  ports: { etcdClient: number; etcdPeer: number; apiserver: number; argoHealthz: number; argoMetrics: number };
  components: ComponentRecord[];
  /** binary -> "module@version" of the pinned build that runs. */
  versions: Record<string, string>;
  /** Milliseconds from `up` until everything was ready. */
  readyMs?: number;
}

/** Where control planes keep their state: ${FIREDRILL_CLUSTERS_DIR:-~/.cache/firedrill/clusters}/<name>/. */
export function resolveClustersDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.FIREDRILL_CLUSTERS_DIR || join(homedir(), '.cache', 'firedrill', 'clusters');
}

export function resolveClusterDir(name: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/.test(name)) {
    throw new UserInputError(`invalid cluster name "${name}"`, { hint: 'lower-case letters, digits and dashes, as kind names clusters' });
  }
  return join(resolveClustersDir(env), name);
}

export function stateFileOf(dir: string): string {
  return join(dir, 'state.json');
}

export async function writeClusterState(state: ClusterState): Promise<void> {
  await writeFile(stateFileOf(state.dir), `${JSON.stringify(state, null, 2)}\n`);
}

/** The state of a control plane, or undefined when none by that name was brought up. */
export function readClusterState(dir: string): ClusterState | undefined {
  let text: string;
  try {
    text = readFileSync(stateFileOf(dir), 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as ClusterState;
  } catch (err) {
    throw new InfraError(`${stateFileOf(dir)} is not valid JSON`, { hint: 'an interrupted `cluster up`? `firedrill cluster down` removes what it can find', cause: err });
  }
}
