import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { resolveTsxLoader } from '../../../../src/world/local/tsx-loader.ts';
import { REPO_ROOT } from '../../../helpers/paths.ts';

export interface PodProcess {
  child: ChildProcess;
  port: number;
  stdout: () => string;
  stop(): Promise<void>;
}

/**
 * The image's pod entry as a real process on 127.0.0.1 (under tsx, as the sources run): the
 * environment the Rollout's pod template gives, the testbed template as the mounted code, a port
 * the OS picks (read back from the entry's `serving` line).
 */
export async function spawnPod(env: Record<string, string>, listen = '127.0.0.1'): Promise<PodProcess> {
  const child = spawn(process.execPath, ['--import', resolveTsxLoader(), resolve(REPO_ROOT, 'src/testbed/pod/pod-main.ts')], {
    env: { PATH: process.env.PATH, FIREDRILL_CODE_DIR: resolve(REPO_ROOT, 'scenarios/testbed'), FIREDRILL_LISTEN: listen, FIREDRILL_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const port = await new Promise<number>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`pod did not start in 20 s: ${err}`)), 20_000);
    child.stdout!.on('data', () => {
      const m = /"msg":"serving".*"port":(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`pod exited with ${code}: ${err}`));
    });
  });
  return {
    child, port, stdout: () => out,
    stop: () => new Promise<void>((ok) => {
      if (child.exitCode !== null) return ok();
      child.once('exit', () => ok());
      child.kill('SIGTERM');
    }),
  };
}

/** Runs the entry to its exit (a start that must fail): exit code and stderr. */
export function runPodToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', resolveTsxLoader(), resolve(REPO_ROOT, 'src/testbed/pod/pod-main.ts')], {
    env: { PATH: process.env.PATH, FIREDRILL_LISTEN: '127.0.0.1', FIREDRILL_PORT: '0', ...env }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((ok) => child.once('exit', (code) => ok({ code, stderr })));
}
