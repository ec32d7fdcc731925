import { loadServiceCode, type ServiceCode } from '../service-code.ts';
import { WorkerPool } from '../core/worker-pool.ts';
import { createRng, type Rng } from '../../util/rng.ts';
import { createKeepAliveAgent } from './http-json.ts';
import type { InitMessage, ProcessLogLine } from './messages.ts';
import { ProcessMetrics } from './process-metrics.ts';
import type { Interference } from '../core/interference.ts';

/** Spread of service times around the handler's nominal ms: the sim runtime's default sigma. */
export const WORK_JITTER_SIGMA = 0.25;
/** Log lines kept between two flushes to the parent; more are counted as dropped. */
const MAX_BUFFERED_LOGS = 500;

/**
 * The state of one service version's process: its code (replaced on promote), its worker pool,
 * its metrics and its seeded randomness. Requests and contexts read it; IPC messages change it.
 */
export class ServiceHost {
  code: ServiceCode | undefined;
  pool: WorkerPool | undefined;
  readonly metrics: ProcessMetrics;
  readonly rng: Rng;
  readonly agent = createKeepAliveAgent();
  /** Trouble from outside the code acting on this process now (a noisy neighbour). */
  interference: Interference | undefined;
  private replicas = 0;
  private logs: ProcessLogLine[] = [];
  private droppedLogs = 0;
  /** Per request id, the pods its dependency calls went through (pods only; emptied when the answer goes out). */
  private readonly served = new Map<string, Set<string>>();

  constructor(readonly init: InitMessage) {
    this.rng = createRng(init.seed);
    this.metrics = new ProcessMetrics(init.service, init.version, () => this.pool);
  }

  /** Deploys code from a checkout; running requests finish with the code they started with. */
  async load(dir: string, replicas: number): Promise<void> {
    const code = await loadServiceCode(dir, this.init.service);
    this.code = code;
    const rt = code.config.runtime;
    if (!this.pool) this.pool = new WorkerPool(replicas * rt.concurrencyPerReplica, rt.queueLimit);
    this.resize(replicas);
  }

  resize(replicas: number): void {
    this.replicas = replicas;
    if (this.code && this.pool) this.pool.resize(replicas * this.code.config.runtime.concurrencyPerReplica);
  }

  get replicaCount(): number {
    return this.replicas;
  }

  routerAddress(service: string): { host: string; port: number } {
    const port = this.init.routerPorts[service];
    if (port === undefined) throw new Error(`unknown service ${service}`);
    return { host: this.init.routerHosts?.[service] ?? '127.0.0.1', port };
  }

  /** A dependency's answer named the pods it went through (SERVED_HEADER): kept for this request's own answer. */
  noteServed(requestId: string | undefined, served: string): void {
    if (!this.init.servedAs || !requestId) return;
    const seen = this.served.get(requestId) ?? new Set<string>();
    for (const s of served.split(',')) if (s) seen.add(s);
    this.served.set(requestId, seen);
  }

  /** The SERVED_HEADER value of a request's answer: this process and what its dependency calls went through. */
  takeServed(requestId: string | undefined): string | undefined {
    if (!this.init.servedAs) return undefined;
    const seen = requestId ? this.served.get(requestId) : undefined;
    if (requestId) this.served.delete(requestId);
    return [this.init.servedAs, ...(seen ?? [])].join(',');
  }

  /** Real time spent serving, with the sim's log-normal spread around the nominal ms. */
  work(ms: number): Promise<void> {
    const u = 1 - this.rng.next();
    const v = this.rng.next();
    const gaussian = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    const real = ms * Math.exp(WORK_JITTER_SIGMA * gaussian);
    return new Promise((resolve) => setTimeout(resolve, real));
  }

  log(level: string, message: string, fields: Record<string, unknown>): void {
    if (this.logs.length >= MAX_BUFFERED_LOGS) {
      this.droppedLogs++;
      return;
    }
    this.logs.push({ t: Date.now(), level, message, fields });
  }

  takeLogs(): { lines: ProcessLogLine[]; dropped: number } {
    const out = { lines: this.logs, dropped: this.droppedLogs };
    this.logs = [];
    this.droppedLogs = 0;
    return out;
  }
}
