import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InfraError } from '../../util/errors.ts';
import { killNow, stopGracefully, trackChild } from './cleanup-registry.ts';
import { findExecutable } from '../../util/find-executable.ts';
import { findFreePort } from './free-port.ts';
import { LogTail, withLogTail } from './log-tail.ts';
import { buildPrometheusConfig, formatGoDuration } from './prometheus-config.ts';
import { instanceOf, type ScrapeTarget } from './scrape-target.ts';

const READY_TIMEOUT_MS = 30_000;
/** Prometheus 2.x hands new targets to the scrape loop on a 5 s tick; the first scrape follows. */
const TARGETS_TIMEOUT_MS = 30_000;
const PORT_ATTEMPTS = 3;
const STOP_GRACE_MS = 5_000;

export interface PrometheusOptions {
  binary: string;
  /** A private temp dir: the config and the TSDB go there. */
  dir: string;
  targets: ScrapeTarget[];
  scrapeIntervalMs: number;
  evaluationIntervalMs: number;
  lookbackDeltaMs: number;
}

/** A real Prometheus for one run: generated config, temp storage, loopback only, stopped afterwards. */
export class PrometheusServer {
  private stopping = false;
  private exitListeners: ((err: InfraError) => void)[] = [];

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly version: string,
    readonly tail: LogTail,
  ) {
    child.on('exit', (code, signal) => {
      if (this.stopping) return;
      const err = new InfraError(withLogTail(`Prometheus exited during the run (${signal ?? `exit code ${code}`})`, tail));
      for (const l of this.exitListeners) l(err);
    });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(opts: PrometheusOptions): Promise<PrometheusServer> {
    const version = readVersion(opts.binary);
    await writeFile(join(opts.dir, 'prometheus.yml'), buildPrometheusConfig(opts.targets, opts.scrapeIntervalMs, opts.evaluationIntervalMs));
    for (let attempt = 1; ; attempt++) {
      const port = await findFreePort();
      const { child, tail } = spawnPrometheus(opts, port);
      const outcome = await waitUntilReady(child, port, tail);
      if (outcome === 'ready') return new PrometheusServer(child, port, version, tail);
      killNow(child);
      if (outcome === 'port-taken' && attempt < PORT_ATTEMPTS) continue;
      const why = outcome === 'port-taken' ? `port ${port} was taken ${PORT_ATTEMPTS} times` : outcome;
      throw new InfraError(withLogTail(`Prometheus (${opts.binary}) did not start: ${why}`, tail), {
        hint: 'run it by hand with the same flags to see why, or use --prometheus off for the embedded scraper',
      });
    }
  }

  onUnexpectedExit(listener: (err: InfraError) => void): void {
    this.exitListeners.push(listener);
  }

  /** Resolves once every target has been scraped successfully (up == 1). */
  async waitForTargets(targets: ScrapeTarget[]): Promise<void> {
    const wanted = new Set(targets.map(instanceOf));
    const deadline = Date.now() + TARGETS_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) break;
      const up = await this.queryUp();
      if ([...wanted].every((i) => up.get(i) === '1')) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new InfraError(withLogTail(`Prometheus did not scrape all ${wanted.size} targets within ${TARGETS_TIMEOUT_MS / 1000}s`, this.tail), {
      hint: 'check the targets in its log above; use --prometheus off to try the embedded scraper',
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    // SIGTERM lets Prometheus close its TSDB; the data dir is a temp dir removed after it.
    await stopGracefully(this.child, () => this.child.kill('SIGTERM'), STOP_GRACE_MS);
  }

  private async queryUp(): Promise<Map<string, string>> {
    const up = new Map<string, string>();
    try {
      const res = await fetch(`${this.baseUrl}/api/v1/query?query=up`, { signal: AbortSignal.timeout(2_000) });
      const body = (await res.json()) as { data?: { result?: { metric: { instance?: string }; value: [number, string] }[] } };
      for (const r of body.data?.result ?? []) if (r.metric.instance) up.set(r.metric.instance, r.value[1]);
    } catch {
      // Not answering yet: the caller polls again.
    }
    return up;
  }
}

function spawnPrometheus(opts: PrometheusOptions, port: number): { child: ChildProcess; tail: LogTail } {
  const args = [
    `--config.file=${join(opts.dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(opts.dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    `--query.lookback-delta=${formatGoDuration(opts.lookbackDeltaMs)}`,
    '--storage.tsdb.retention.time=1d',
  ];
  // setpriv makes the kernel kill Prometheus if we die without cleaning up (even on SIGKILL).
  const setpriv = findExecutable('setpriv');
  const [cmd, argv] = setpriv ? [setpriv, ['--pdeathsig', 'KILL', '--', opts.binary, ...args]] : [opts.binary, args];
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  trackChild(child);
  const tail = new LogTail();
  tail.follow(child.stdout);
  tail.follow(child.stderr);
  return { child, tail };
}

async function waitUntilReady(child: ChildProcess, port: number, tail: LogTail): Promise<'ready' | 'port-taken' | string> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  while (Date.now() < deadline) {
    if (spawnError) return `cannot run it: ${spawnError.message}`;
    if (child.exitCode !== null || child.signalCode !== null) {
      await new Promise((r) => setTimeout(r, 50)); // let the last log lines arrive
      return /address already in use/i.test(tail.text()) ? 'port-taken' : 'it exited';
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/-/ready`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return 'ready';
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return `not ready within ${READY_TIMEOUT_MS / 1000}s`;
}

function readVersion(binary: string): string {
  try {
    const text = execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] });
    return /version (\S+)/.exec(text)?.[1] ?? 'unknown';
  } catch (err) {
    throw new InfraError(`cannot run ${binary} --version: ${(err as Error).message}`, { hint: 'is it a Prometheus binary?', cause: err });
  }
}
