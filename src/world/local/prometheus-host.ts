import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { InfraError } from '../../util/errors.ts';
import { findExecutable } from '../../util/find-executable.ts';
import { killNow, stopGracefully, trackChild } from './cleanup-registry.ts';
import { LogTail } from './log-tail.ts';
import type { PrometheusInstance, PrometheusLauncher } from './prometheus-instance.ts';

const STOP_GRACE_MS = 5_000;

/** Prometheus as a process of the host binary (`--prometheus auto|PATH`). */
export class HostPrometheusLauncher implements PrometheusLauncher {
  readonly hint = 'run it by hand with the same flags to see why, or use --prometheus off for the embedded scraper';
  private version = 'unknown';

  constructor(private readonly binary: string) {}

  get describe(): string {
    return this.binary;
  }

  async prepare(): Promise<void> {
    this.version = readBinaryVersion(this.binary);
  }

  async launch(args: string[]): Promise<PrometheusInstance> {
    return new HostPrometheus(spawnBinary(this.binary, args));
  }

  async readVersion(): Promise<string> {
    return this.version;
  }
}

class HostPrometheus implements PrometheusInstance {
  readonly tail = new LogTail();
  private spawnError: Error | undefined;

  constructor(private readonly child: ChildProcess) {
    this.tail.follow(child.stdout);
    this.tail.follow(child.stderr);
    child.once('error', (err) => (this.spawnError = err));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  startError(): Error | undefined {
    return this.spawnError;
  }

  onExit(listener: (why: string) => void): void {
    this.child.on('exit', (code, signal) => listener(signal ?? `exit code ${code}`));
  }

  stop(): Promise<void> {
    return stopGracefully(this.child, () => this.child.kill('SIGTERM'), STOP_GRACE_MS);
  }

  async kill(): Promise<void> {
    killNow(this.child);
  }
}

function spawnBinary(binary: string, args: string[]): ChildProcess {
  // setpriv makes the kernel kill Prometheus if we die without cleaning up (even on SIGKILL).
  const setpriv = findExecutable('setpriv');
  const [cmd, argv] = setpriv ? [setpriv, ['--pdeathsig', 'KILL', '--', binary, ...args]] : [binary, args];
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  trackChild(child);
  return child;
}

function readBinaryVersion(binary: string): string {
  try {
    const text = execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] });
    return /version (\S+)/.exec(text)?.[1] ?? 'unknown';
  } catch (err) {
    throw new InfraError(`cannot run ${binary} --version: ${(err as Error).message}`, { hint: 'is it a Prometheus binary?', cause: err });
  }
}
