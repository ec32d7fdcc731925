import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InfraError } from '../../util/errors.ts';
import { findFreePort } from './free-port.ts';
import { withLogTail } from './log-tail.ts';
import { buildPrometheusArgs, buildPrometheusConfig } from './prometheus-config.ts';
import { HostPrometheusLauncher } from './prometheus-host.ts';
import type { PrometheusInstance, PrometheusLauncher } from './prometheus-instance.ts';
import { instanceOf, type ScrapeTarget } from './scrape-target.ts';

const READY_TIMEOUT_MS = 30_000;
/** Prometheus 2.x hands new targets to the scrape loop on a 5 s tick; the first scrape follows. */
const TARGETS_TIMEOUT_MS = 30_000;
const PORT_ATTEMPTS = 3;

export interface PrometheusOptions {
  /** How it runs: the host binary at this path, or any launcher (a container). */
  binary?: string;
  launcher?: PrometheusLauncher;
  /** A private temp dir: the config and the TSDB go there. */
  dir: string;
  targets: ScrapeTarget[];
  scrapeIntervalMs: number;
  evaluationIntervalMs: number;
  lookbackDeltaMs: number;
}

/**
 * A real Prometheus for one run: generated config, temp storage, loopback only, stopped
 * afterwards. The same config, flags, readiness check and HTTP use whether it runs as a host
 * process or in a container.
 */
export class PrometheusServer {
  private stopping = false;
  private exitListeners: ((err: InfraError) => void)[] = [];

  private constructor(
    private readonly instance: PrometheusInstance,
    readonly port: number,
    readonly version: string,
  ) {
    instance.onExit((why) => {
      if (this.stopping) return;
      const err = new InfraError(withLogTail(`Prometheus exited during the run (${why})`, instance.tail));
      for (const l of this.exitListeners) l(err);
    });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.instance.pid;
  }

  get containerId(): string | undefined {
    return this.instance.containerId;
  }

  static async start(opts: PrometheusOptions): Promise<PrometheusServer> {
    const launcher = opts.launcher ?? new HostPrometheusLauncher(opts.binary ?? 'prometheus');
    await launcher.prepare();
    await writeFile(join(opts.dir, 'prometheus.yml'), buildPrometheusConfig(opts.targets, opts.scrapeIntervalMs, opts.evaluationIntervalMs));
    for (let attempt = 1; ; attempt++) {
      const port = await findFreePort();
      const instance = await launcher.launch(buildPrometheusArgs(opts.dir, port, opts.lookbackDeltaMs));
      const outcome = await waitUntilReady(instance, port);
      if (outcome === 'ready') {
        try {
          return new PrometheusServer(instance, port, await launcher.readVersion(`http://127.0.0.1:${port}`));
        } catch (err) {
          await instance.kill();
          throw err;
        }
      }
      await instance.kill();
      if (outcome === 'port-taken' && attempt < PORT_ATTEMPTS) continue;
      const why = outcome === 'port-taken' ? `port ${port} was taken ${PORT_ATTEMPTS} times` : outcome;
      throw new InfraError(withLogTail(`Prometheus (${launcher.describe}) did not start: ${why}`, instance.tail), { hint: launcher.hint });
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
      if (this.instance.hasExited()) break;
      const up = await this.queryUp();
      if ([...wanted].every((i) => up.get(i) === '1')) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new InfraError(withLogTail(`Prometheus did not scrape all ${wanted.size} targets within ${TARGETS_TIMEOUT_MS / 1000}s`, this.instance.tail), {
      hint: 'check the targets in its log above; use --prometheus off to try the embedded scraper',
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.instance.stop();
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

async function waitUntilReady(instance: PrometheusInstance, port: number): Promise<'ready' | 'port-taken' | string> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const startError = instance.startError();
    if (startError) return `cannot run it: ${startError.message}`;
    if (instance.hasExited()) {
      await new Promise((r) => setTimeout(r, 50)); // let the last log lines arrive
      return /address already in use/i.test(instance.tail.text()) ? 'port-taken' : 'it exited';
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
