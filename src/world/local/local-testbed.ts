import type { ProcessLogLine } from '../../testbed/process/messages.ts';
import type { Rng } from '../../util/rng.ts';
import type { InfraError } from '../../util/errors.ts';
import type { LocalResources } from './local-resources.ts';
import { RequestTrace } from './request-trace.ts';
import type { ScrapeTarget } from './scrape-target.ts';
import { ServiceProcess } from './service-process.ts';
import { TrafficRouter } from './traffic-router.ts';

/** Pool stats pushed by each process this often (real ms). */
const STATS_INTERVAL_MS = 100;

/**
 * The running testbed: a traffic router per service, a stable process per service, and for the
 * deployed service a canary slot (a process with no code until the canary starts, so every
 * scrape target exists before Prometheus starts: targets added later wait for its 5 s discovery tick).
 */
export interface LocalTestbed {
  routers: Map<string, TrafficRouter>;
  stable: Map<string, ServiceProcess>;
  canary: ServiceProcess;
  /** The deployed service's routing decisions by request id. */
  trace: RequestTrace;
  targets: ScrapeTarget[];
}

export async function startLocalTestbed(opts: {
  services: string[];
  deployService: string;
  stableDir: string;
  stableReplicas: Map<string, number>;
  rng: Rng;
  resources: LocalResources;
  onLogs: (service: string, version: string, lines: ProcessLogLine[], dropped: number) => void;
  onFailure: (err: InfraError) => void;
}): Promise<LocalTestbed> {
  const { services, deployService, resources, rng } = opts;
  const trace = new RequestTrace();
  const routers = new Map<string, TrafficRouter>();
  for (const service of services) {
    const router = await TrafficRouter.start(service, rng.fork(`router:${service}`), service === deployService ? trace : undefined);
    resources.add(`router ${service}`, () => router.close());
    routers.set(service, router);
  }
  const routerPorts = Object.fromEntries([...routers].map(([name, r]) => [name, r.port]));
  const startProcess = async (service: string, version: 'stable' | 'canary'): Promise<ServiceProcess> => {
    const seed = rng.fork(`process:${service}:${version}`).int(2 ** 31);
    const proc = await ServiceProcess.start(
      { type: 'init', service, version, seed, routerPorts, statsIntervalMs: STATS_INTERVAL_MS },
      (lines, dropped) => opts.onLogs(service, version, lines, dropped),
    );
    resources.add(`process ${proc.label}`, () => proc.stop());
    proc.onUnexpectedExit(opts.onFailure);
    return proc;
  };
  const slots = [...services.map((s) => ({ service: s, version: 'stable' as const })), { service: deployService, version: 'canary' as const }];
  const settled = await Promise.allSettled(slots.map((s) => startProcess(s.service, s.version)));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  const procs = settled.map((r) => (r as PromiseFulfilledResult<ServiceProcess>).value);
  const stable = new Map(services.map((s, i) => [s, procs[i]]));
  const canary = procs[procs.length - 1];
  await Promise.all(services.map((s) => stable.get(s)!.load(opts.stableDir, opts.stableReplicas.get(s)!)));
  for (const s of services) routers.get(s)!.setBackend('stable', stable.get(s)!.port);
  routers.get(deployService)!.setBackend('canary', canary.port);
  const targets: ScrapeTarget[] = procs.map((p) => ({ port: p.port, labels: { pod: p.label.replace('/', '-') } }));
  return { routers, stable, canary, trace, targets };
}
