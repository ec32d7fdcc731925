import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceHost } from '../process/service-host.ts';
import { createServiceServer } from '../process/service-server.ts';
import type { PodOptions } from './pod-options.ts';

/** How often the pod writes what its handlers logged to stdout (kubectl logs reads it). */
const LOG_FLUSH_MS = 1_000;

export interface PodService {
  host: ServiceHost;
  server: Server;
  port: number;
  stop(): Promise<void>;
}

/**
 * One testbed pod: the local backend's process runtime (ServiceHost: worker pool, seeded jitter,
 * prom-client series, the handler runtime; service-server.ts: /metrics and the routes) with the
 * code of the commit the pod names, as one replica, and no parent process: the pod is its own
 * master. Its dependencies are reached through their routers by host name, and every answer
 * names this pod's `service@commit` (SERVED_HEADER) for the ground truth outside the cluster.
 *
 * The `version` label of its series says `stable`: Prometheus replaces it with the pod's own
 * `version` label, which Argo sets from the Rollout's canaryMetadata/stableMetadata (a scraped
 * label that clashes with a target label becomes `exported_version`).
 */
export async function startPodService(opts: PodOptions, write: (line: string) => void = (l) => process.stdout.write(l)): Promise<PodService> {
  const host = new ServiceHost({
    type: 'init', service: opts.service, version: 'stable', seed: opts.seed, statsIntervalMs: LOG_FLUSH_MS,
    routerPorts: Object.fromEntries(Object.entries(opts.routers).map(([s, a]) => [s, a.port])),
    routerHosts: Object.fromEntries(Object.entries(opts.routers).map(([s, a]) => [s, a.host])),
    servedAs: `${opts.service}@${opts.commit}`,
  });
  // A handler that does not load fails the pod's start: the container exits and Kubernetes shows
  // the crash loop, as on sim and local.
  await host.load(opts.codeDir, 1);
  const server = createServiceServer(host);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.listenHost, () => resolve());
  });
  const flush = (): void => {
    const { lines, dropped } = host.takeLogs();
    for (const l of lines) write(`${JSON.stringify({ t: new Date(l.t).toISOString(), level: l.level, msg: l.message, ...l.fields })}\n`);
    if (dropped) write(`${JSON.stringify({ level: 'warn', msg: `${dropped} log lines dropped` })}\n`);
  };
  const timer = setInterval(flush, LOG_FLUSH_MS);
  timer.unref();
  write(`${JSON.stringify({ level: 'info', msg: 'serving', service: opts.service, commit: opts.commit, port: (server.address() as AddressInfo).port })}\n`);
  return {
    host, server, port: (server.address() as AddressInfo).port,
    async stop() {
      clearInterval(timer);
      flush();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      host.agent.destroy();
      await closed;
    },
  };
}
