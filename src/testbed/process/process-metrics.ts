import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { LATENCY_BUCKETS } from '../sdk.ts';
import type { WorkerPool } from '../core/worker-pool.ts';
import type { ProcessStats } from './messages.ts';

type RequestLabels = 'service' | 'version' | 'route' | 'code';

/**
 * The series of one service version, exported with prom-client. Names, labels and buckets are
 * exactly those of the sim's MetricsRecorder (one AnalysisTemplate works on both runtimes):
 *   http_requests_total{service,version,route,code}
 *   http_request_duration_seconds_bucket/_sum/_count{service,version,route[,le]}
 *   dependency_requests_total{service,version,target,outcome}   outcome: success|error|timeout|rejected
 *   dependency_retries_total{service,version,target}
 *   service_queue_depth / service_busy_workers / service_workers{service,version}
 * The pool gauges appear only once code is loaded, as the sim registers them when a version is added.
 */
export class ProcessMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<RequestLabels>;
  private readonly duration: Histogram<'service' | 'version' | 'route'>;
  private readonly dependency: Counter<'service' | 'version' | 'target' | 'outcome'>;
  private readonly retries: Counter<'service' | 'version' | 'target'>;
  private readonly totals = { requests: 0, serverErrors: 0, dependencyTimeouts: 0 };

  constructor(private readonly service: string, private readonly version: string, pool: () => WorkerPool | undefined) {
    const registers = [this.registry];
    this.requests = new Counter({ name: 'http_requests_total', help: 'Requests served, by route and status code', labelNames: ['service', 'version', 'route', 'code'], registers });
    this.duration = new Histogram({
      name: 'http_request_duration_seconds', help: 'Time from arrival (including queueing) to response',
      labelNames: ['service', 'version', 'route'], buckets: [...LATENCY_BUCKETS], registers,
    });
    this.dependency = new Counter({ name: 'dependency_requests_total', help: 'Calls to dependencies by outcome', labelNames: ['service', 'version', 'target', 'outcome'], registers });
    this.retries = new Counter({ name: 'dependency_retries_total', help: 'Retried dependency calls', labelNames: ['service', 'version', 'target'], registers });
    const labels = { service, version };
    const gauge = (name: string, help: string, read: (p: WorkerPool) => number): void => {
      new Gauge({
        name, help, labelNames: ['service', 'version'], registers,
        collect() {
          const p = pool();
          if (p) this.set(labels, read(p));
        },
      });
    };
    gauge('service_queue_depth', 'Requests waiting for a worker', (p) => p.queued);
    gauge('service_busy_workers', 'Workers running a request', (p) => p.busy);
    gauge('service_workers', 'Workers across replicas', (p) => p.capacity);
  }

  countRequest(route: string, code: number, seconds: number): void {
    this.totals.requests++;
    if (code >= 500) this.totals.serverErrors++;
    const labels = { service: this.service, version: this.version, route };
    this.requests.inc({ ...labels, code: String(code) });
    this.duration.observe(labels, seconds);
  }

  countDependency(target: string, outcome: string): void {
    if (outcome === 'timeout') this.totals.dependencyTimeouts++;
    this.dependency.inc({ service: this.service, version: this.version, target, outcome });
  }

  countRetry(target: string): void {
    this.retries.inc({ service: this.service, version: this.version, target });
  }

  stats(pool: WorkerPool | undefined): ProcessStats {
    return { busy: pool?.busy ?? 0, queued: pool?.queued ?? 0, workers: pool?.capacity ?? 0, ...this.totals };
  }
}
