import { fork, type ChildProcess } from 'node:child_process';
import type { ChildMessage, InitMessage, ParentMessage, ProcessLogLine, ProcessStats } from '../../testbed/process/messages.ts';
import { InfraError, UserInputError } from '../../util/errors.ts';
import type { Interference } from '../../testbed/core/interference.ts';
import { killNow, stopGracefully, trackChild } from './cleanup-registry.ts';
import { LogTail, withLogTail } from './log-tail.ts';
import { resolveServiceEntry } from './service-entry.ts';

/** Node (+ tsx when running from the sources) starts in ~0.2 s; a loaded 2-core machine can take several times that. */
const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 2_000;

/**
 * One service version's process, seen from the local world: it is forked, reports its port,
 * gets code deployed and resized over IPC, and pushes pool stats and log lines. Its exit is a
 * failure unless the world stopped it.
 */
export class ServiceProcess {
  stats: ProcessStats = { busy: 0, queued: 0, workers: 0, requests: 0, serverErrors: 0, dependencyTimeouts: 0 };
  private stopping = false;
  private exitListeners: ((err: InfraError) => void)[] = [];

  private constructor(
    readonly label: string,
    private readonly child: ChildProcess,
    readonly port: number,
    readonly tail: LogTail,
    private readonly onLogs: (lines: ProcessLogLine[], dropped: number) => void,
  ) {
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'stats') this.stats = m.stats;
      else if (m.type === 'logs') this.onLogs(m.lines, m.dropped);
    });
    child.on('exit', (code, signal) => {
      if (this.stopping) return;
      const err = new InfraError(withLogTail(`service process ${label} exited during the run (${describeExit(code, signal)})`, this.tail), {
        hint: 'a service process must live as long as the run; its log tail above says why it stopped',
      });
      for (const l of this.exitListeners) l(err);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(init: InitMessage, onLogs: (lines: ProcessLogLine[], dropped: number) => void): Promise<ServiceProcess> {
    const label = `${init.service}/${init.version}`;
    // Own process group (detached): Ctrl-C in a terminal reaches the CLI, which stops us in order.
    const { entry, execArgv } = resolveServiceEntry();
    const child = fork(entry, [], { execArgv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], detached: true });
    trackChild(child);
    const tail = new LogTail();
    tail.follow(child.stdout);
    tail.follow(child.stderr);
    child.send({ ...init } satisfies ParentMessage);
    try {
      const m = await waitForMessage(child, tail, label, (x) => x.type === 'listening', 'listening', READY_TIMEOUT_MS);
      return new ServiceProcess(label, child, m.type === 'listening' ? m.port : 0, tail, onLogs);
    } catch (err) {
      killNow(child);
      throw err;
    }
  }

  onUnexpectedExit(listener: (err: InfraError) => void): void {
    this.exitListeners.push(listener);
  }

  /** Deploys the service's code from a checkout; resolves once new requests run it. */
  async load(dir: string, replicas: number): Promise<void> {
    this.send({ type: 'load', dir, replicas });
    const m = await waitForMessage(this.child, this.tail, this.label, (x) => x.type === 'loaded' && x.dir === dir, `loaded ${dir}`, READY_TIMEOUT_MS);
    if (m.type === 'failed') throw new UserInputError(`${this.label}: ${m.message}`, { hint: m.hint });
  }

  resize(replicas: number): void {
    this.send({ type: 'resize', replicas });
  }

  /** Starts (or with undefined ends) an interference on this process. */
  interfere(interference: Interference | undefined): void {
    this.send({ type: 'interference', ...(interference ? { interference } : {}) });
  }

  /** Lets requests in flight finish (briefly), then makes sure the process is gone. */
  async stop(): Promise<void> {
    this.stopping = true;
    await stopGracefully(this.child, () => this.send({ type: 'stop' }), STOP_GRACE_MS);
  }

  private send(m: ParentMessage): void {
    if (this.child.connected) this.child.send(m);
  }
}

/** Resolves with the first message that is `wanted` (or `failed`); rejects with the log tail when the process exits first. */
function waitForMessage(
  child: ChildProcess, tail: LogTail, label: string, wanted: (m: ChildMessage) => boolean, what: string, timeoutMs: number,
): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    const onMessage = (m: ChildMessage): void => {
      if (!wanted(m) && m.type !== 'failed') return;
      cleanup();
      resolve(m);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      cleanup();
      reject(new InfraError(withLogTail(`service process ${label} exited before it was ready (${describeExit(code, signal)})`, tail), {
        hint: `run \`${resolveServiceEntry().manualStart}\` by hand to see it start`,
      }));
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(new InfraError(`cannot start service process ${label}: ${err.message}`, { cause: err }));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new InfraError(withLogTail(`service process ${label} did not answer "${what}" within ${timeoutMs / 1000}s`, tail), {
        hint: 'the machine may be overloaded; try again with fewer parallel runs',
      }));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}
