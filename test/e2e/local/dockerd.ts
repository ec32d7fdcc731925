import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** A private dockerd for one test file: temp data and exec roots, its own socket, stopped at the end. */
export interface Dockerd {
  host: string;
  /** `docker ARGS` against this engine. */
  docker(args: string[]): Promise<string>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

/**
 * Starts dockerd, or says why it cannot (the skip reason). No bridge network and no iptables
 * rules: the containers use the host's network, and a second dockerd on the machine must not
 * touch the first one's docker0 or firewall.
 */
export async function startDockerd(dockerd: string): Promise<Dockerd | string> {
  // /tmp itself: a unix socket path must stay under 108 bytes.
  const root = await mkdtemp('/tmp/fd-dockerd-');
  const socket = join(root, 'docker.sock');
  const child = spawn(dockerd, [
    '--data-root', join(root, 'data'), '--exec-root', join(root, 'exec'), '--pidfile', join(root, 'pid'), '-H', `unix://${socket}`,
    '--bridge', 'none', '--iptables=false', '--ip6tables=false',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const stop = async (): Promise<void> => {
    await stopChild(child);
    await unmountUnder(root);
    await rm(root, { recursive: true, force: true }).catch(() => {});
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await ping(socket)) {
      const host = `unix://${socket}`;
      const docker = async (args: string[]): Promise<string> =>
        (await promisify(execFile)('docker', args, { env: { ...process.env, DOCKER_HOST: host }, timeout: 30_000 })).stdout;
      return { host, docker, stop };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  return `dockerd could not start (${child.exitCode === null ? `no answer in ${START_TIMEOUT_MS / 1000}s` : `exit code ${child.exitCode}`}): ${log.trim().split('\n').slice(-3).join(' | ')}`;
}

function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** dockerd leaves its default network namespace (exec-root/netns/default, an nsfs mount) mounted after it exits. */
async function unmountUnder(root: string): Promise<void> {
  const mounts = (await readFile('/proc/self/mounts', 'utf8')).split('\n').map((l) => l.split(' ')[1]).filter((m) => m?.startsWith(`${root}/`));
  for (const mount of mounts.reverse()) await promisify(execFile)('umount', ['--lazy', mount]).catch(() => {});
}
