import { readClusterState, resolveClusterDir, type ClusterState } from './cluster-state.ts';
import { isComponentAlive } from './component-process.ts';
import { isNodeReady, KWOK_NODE } from './cluster-objects.ts';
import { connectKube, requestKube } from './kube-http.ts';

export interface ComponentStatus {
  binary: string;
  pid: number;
  running: boolean;
  /** The pinned build: module@version. */
  version: string;
}

export interface ControlPlaneStatus {
  name: string;
  /** `absent`: never brought up (or taken down); `down`: state left but nothing runs. */
  health: 'ready' | 'degraded' | 'down' | 'absent';
  state?: ClusterState;
  components: ComponentStatus[];
  /** What the running API server reports (/version), when it answers. */
  serverVersion?: string;
  nodeReady?: boolean;
  argoHealthy?: boolean;
}

/** `firedrill cluster status`: each process, the API server's version, the node, Argo's healthz. */
export async function readControlPlaneStatus(name: string, env: NodeJS.ProcessEnv = process.env): Promise<ControlPlaneStatus> {
  const state = readClusterState(resolveClusterDir(name, env));
  if (!state) return { name, health: 'absent', components: [] };
  const components = state.components.map((c) => ({ binary: c.binary, pid: c.pid, running: isComponentAlive(c), version: state.versions[c.binary] ?? '?' }));
  const status: ControlPlaneStatus = { name, health: 'down', state, components };
  if (!components.some((c) => c.running)) return status;
  try {
    const conn = connectKube(state.server, state.pki);
    const version = await requestKube<{ gitVersion?: string }>(conn, 'GET', '/version', undefined, { timeoutMs: 3000 });
    if (version.status === 200) status.serverVersion = version.body.gitVersion;
    status.nodeReady = await isNodeReady(conn, KWOK_NODE);
  } catch {
    // An API server that does not answer leaves serverVersion unset: degraded.
  }
  try {
    status.argoHealthy = (await fetch(`http://127.0.0.1:${state.ports.argoHealthz}/healthz`, { signal: AbortSignal.timeout(3000) })).ok;
  } catch {
    status.argoHealthy = false;
  }
  const allUp = components.length === 6 && components.every((c) => c.running);
  status.health = allUp && status.serverVersion && status.nodeReady && status.argoHealthy ? 'ready' : 'degraded';
  return status;
}
