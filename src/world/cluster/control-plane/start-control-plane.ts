import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FiredrillError, InfraError, UserInputError } from '../../../util/errors.ts';
import { findFreePort } from '../../local/free-port.ts';
import { generateClusterPki } from './cluster-pki.ts';
import { applyCrds, createKwokNode, hasDefaultServiceAccount, isCrdEstablished, isNodeReady, KWOK_NODE } from './cluster-objects.ts';
import { readClusterState, resolveClusterDir, writeClusterState, type ClusterState } from './cluster-state.ts';
import {
  argsForApiserver, argsForControllerManager, argsForEtcd, argsForKwok, argsForRolloutsController, argsForScheduler,
} from './component-args.ts';
import { isComponentAlive, readLogTail, spawnComponent } from './component-process.ts';
import { findControlPlaneBinaries, type ControlPlaneBinary } from './control-plane-binaries.ts';
import { connectKube, requestKube, type KubeConnection } from './kube-http.ts';
import { writeKubeconfig } from './kubeconfig-file.ts';
import { pollUntil } from './poll-until.ts';
import { stopControlPlane } from './stop-control-plane.ts';

export interface StartControlPlaneOptions {
  name: string;
  env?: NodeJS.ProcessEnv;
  /** Aborting stops and removes everything started so far (the CLI wires Ctrl-C to it). */
  signal?: AbortSignal;
  /** For the whole start-up; the acceptance bar is 60 s. */
  timeoutMs?: number;
  onProgress?: (message: string) => void;
}

export interface ControlPlane {
  state: ClusterState;
  conn: KubeConnection;
}

/**
 * `firedrill cluster up` for the local control plane: etcd, kube-apiserver (generated PKI and
 * kubeconfig, loopback only), kube-controller-manager, kube-scheduler, kwok with one fake node, and
 * the real Argo Rollouts controller with its CRDs. Returns once all of it is ready. The programs
 * run detached and outlive this process; state.json in the state dir says how to reach and stop
 * them. On any failure or abort, everything started is stopped and the state dir removed.
 */
export async function startControlPlane(opts: StartControlPlaneOptions): Promise<ControlPlane> {
  const env = opts.env ?? process.env;
  const started = Date.now();
  const { tools, crdFiles, kwokStages } = findControlPlaneBinaries(env);
  const dir = resolveClusterDir(opts.name, env);
  claimStateDir(opts.name, dir);

  const ports = await allocatePorts();
  const pki = await generateClusterPki(dir);
  const server = `https://127.0.0.1:${ports.apiserver}`;
  const kubeconfig = join(dir, 'kubeconfig');
  await writeKubeconfig(kubeconfig, { name: opts.name, server, pki });
  const versions = Object.fromEntries(Object.entries(tools).map(([binary, t]) => [binary, `${t.pin.module}@${t.pin.version}`]));
  const state: ClusterState = { name: opts.name, dir, createdAt: new Date(started).toISOString(), server, kubeconfig, pki, ports, components: [], versions };
  const deadline = started + (opts.timeoutMs ?? 90_000);
  const wait = <T>(what: string, check: () => Promise<T | undefined>): Promise<T> =>
    pollUntil(what, check, { timeoutMs: Math.max(0, deadline - Date.now()), signal: opts.signal, guard: () => checkComponents(state) });
  const start = async (binary: ControlPlaneBinary, args: string[]): Promise<void> => {
    opts.signal?.throwIfAborted();
    state.components.push(spawnComponent(binary, tools[binary].path, args, join(dir, `${binary}.log`)).record);
    // Written after every start: a `cluster down` from another shell finds what an interrupted up left.
    await writeClusterState(state);
  };

  try {
    opts.onProgress?.(`state in ${dir}`);
    await start('etcd', argsForEtcd(dir, ports));
    await wait('etcd /health', async () => ((await fetch(`http://127.0.0.1:${ports.etcdClient}/health`)).ok ? true : undefined));
    await start('kube-apiserver', argsForApiserver(pki, ports));
    const conn = connectKube(server, pki);
    await wait('kube-apiserver /readyz', async () => ((await requestKube(conn, 'GET', '/readyz')).status === 200 ? true : undefined));
    opts.onProgress?.(`kube-apiserver ready at ${server} (${Date.now() - started} ms)`);

    await start('kube-controller-manager', argsForControllerManager(kubeconfig, pki));
    await start('kube-scheduler', argsForScheduler(kubeconfig));
    await start('kwok', argsForKwok(kubeconfig, kwokStages));
    const [crds] = await Promise.all([applyCrds(conn, crdFiles), createKwokNode(conn)]);
    for (const crd of crds) await wait(`CRD ${crd} Established`, async () => ((await isCrdEstablished(conn, crd)) ? true : undefined));
    // Argo's informers need its CRDs served before it starts.
    await start('rollouts-controller', argsForRolloutsController(kubeconfig, ports));

    await wait(`kwok to make node ${KWOK_NODE} Ready`, async () => ((await isNodeReady(conn, KWOK_NODE)) ? true : undefined));
    await wait('the default service account (kube-controller-manager)', async () => ((await hasDefaultServiceAccount(conn)) ? true : undefined));
    await wait('the Argo Rollouts controller /healthz', async () => ((await fetch(`http://127.0.0.1:${ports.argoHealthz}/healthz`)).ok ? true : undefined));
    state.readyMs = Date.now() - started;
    await writeClusterState(state);
    opts.onProgress?.(`ready in ${(state.readyMs / 1000).toFixed(1)} s`);
    return { state, conn };
  } catch (err) {
    await stopControlPlane(state);
    if (opts.signal?.aborted) throw new FiredrillError('interrupted: the control plane was stopped and its state removed', { exitCode: 3, cause: err });
    throw err;
  }
}

/** The state dir for a new control plane: an existing one that still runs is an error, a dead one is cleared. */
function claimStateDir(name: string, dir: string): void {
  const previous = readClusterState(dir);
  if (previous?.components.some(isComponentAlive)) {
    throw new UserInputError(`cluster "${name}" is already up (${previous.server})`, { hint: `use it (KUBECONFIG=${previous.kubeconfig}), or \`firedrill cluster down --name ${name}\` first` });
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

async function allocatePorts(): Promise<ClusterState['ports']> {
  const taken = new Set<number>();
  const next = async (): Promise<number> => {
    for (;;) {
      const port = await findFreePort();
      if (!taken.has(port)) {
        taken.add(port);
        return port;
      }
    }
  };
  return { etcdClient: await next(), etcdPeer: await next(), apiserver: await next(), argoHealthz: await next(), argoMetrics: await next() };
}

/** A component that exited during start-up fails it at once, with its log's last lines. */
function checkComponents(state: ClusterState): void {
  const dead = state.components.find((c) => !isComponentAlive(c));
  if (dead) throw new InfraError(`${dead.binary} exited during start-up; the end of ${dead.log}:\n${readLogTail(dead.log)}`, { hint: 'if another program took one of its ports in between, run `firedrill cluster up` again' });
}
