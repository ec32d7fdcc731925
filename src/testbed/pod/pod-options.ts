import { createHash } from 'node:crypto';
import { UserInputError } from '../../util/errors.ts';

/** Where the testbed image mounts a revision's code: `<dir>/services/<service>/handler.js` (src/world/cluster/manifests). */
export const POD_CODE_DIR = '/opt/firedrill/code';
/** The port a testbed pod serves on (its container port named `http`, scraped by the in-cluster Prometheus). */
export const POD_PORT = 8080;

/** What one testbed pod serves, from its environment (the Rollout's pod template sets it). */
export interface PodOptions {
  service: string;
  /** The testbed commit this pod's revision runs (the pod template's commit annotation, through the downward API). */
  commit: string;
  /** A checkout-shaped directory holding this service's files at that commit. */
  codeDir: string;
  /** 0.0.0.0 in a pod; 127.0.0.1 in tests. */
  listenHost: string;
  port: number;
  /** Where each dependency's router is: `host:port` (in a cluster the Service in front of its router stand-in). */
  routers: Record<string, { host: string; port: number }>;
  /** Seeds ctx.random() and the work jitter: per pod, from its name, so replicas differ and a restart repeats. */
  seed: number;
}

/**
 * Reads FIREDRILL_SERVICE, FIREDRILL_COMMIT (required), FIREDRILL_CODE_DIR, FIREDRILL_LISTEN,
 * FIREDRILL_PORT and FIREDRILL_ROUTERS (`checkout=checkout:80,payments=payments:80`); every
 * problem is reported at once.
 */
export function readPodOptions(env: NodeJS.ProcessEnv): PodOptions {
  const problems: string[] = [];
  const need = (name: string): string => {
    const v = env[name];
    if (!v) problems.push(`${name} is not set`);
    return v ?? '';
  };
  const service = need('FIREDRILL_SERVICE');
  const commit = need('FIREDRILL_COMMIT');
  const port = Number(env.FIREDRILL_PORT ?? POD_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`FIREDRILL_PORT=${env.FIREDRILL_PORT} is not a port`);
  const routers: PodOptions['routers'] = {};
  for (const entry of (env.FIREDRILL_ROUTERS ?? '').split(',').filter(Boolean)) {
    const m = /^([\w-]+)=([\w.-]+):(\d+)$/.exec(entry.trim());
    if (!m) problems.push(`FIREDRILL_ROUTERS: "${entry}" is not service=host:port`);
    else routers[m[1]] = { host: m[2], port: Number(m[3]) };
  }
  if (problems.length) {
    throw new UserInputError(`the testbed pod cannot start: ${problems.join('; ')}`, {
      hint: 'the Rollout\'s pod template sets these (src/world/cluster/manifests/kind-objects.ts); by hand: FIREDRILL_SERVICE=checkout FIREDRILL_COMMIT=<sha> FIREDRILL_CODE_DIR=<checkout> node dist/testbed/pod/pod-main.js',
    });
  }
  const podName = env.HOSTNAME ?? `${service}-${commit}`;
  return {
    service, commit, codeDir: env.FIREDRILL_CODE_DIR ?? POD_CODE_DIR, listenHost: env.FIREDRILL_LISTEN ?? '0.0.0.0', port, routers,
    seed: seedFromName(podName),
  };
}

/** A 31-bit seed from a name (a pod's, a router's): stable across restarts, different per name. */
export function seedFromName(name: string): number {
  return createHash('sha256').update(name).digest().readUInt32BE(0) >>> 1;
}
