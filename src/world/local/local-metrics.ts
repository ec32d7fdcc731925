import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedMetricSource } from '../../metrics/embedded-source.ts';
import type { MetricSource } from '../../metrics/metric-source.ts';
import { PrometheusHttpSource } from '../../metrics/prometheus-client.ts';
import type { Tsdb } from '../../metrics/tsdb.ts';
import { createKeepAliveAgent } from '../../testbed/process/http-json.ts';
import type { InfraError } from '../../util/errors.ts';
import { DrillTimeTsdb } from './drill-time-tsdb.ts';
import { EmbeddedScraper } from './embedded-scraper.ts';
import type { LocalResources } from './local-resources.ts';
import type { ResolvedLocalOptions } from './local-options.ts';
import { ContainerPrometheusLauncher } from './prometheus-container.ts';
import { HostPrometheusLauncher } from './prometheus-host.ts';
import { PrometheusServer } from './prometheus-server.ts';
import type { ScaledClock } from './scaled-clock.ts';
import { ScaledMetricSource } from './scaled-metric-source.ts';
import type { ScrapeTarget } from './scrape-target.ts';

export interface LocalMetrics {
  /** PromQL in virtual time, for the pager and the rollout controller. */
  source: MetricSource;
  /** What answered, for the timeline and the scorecard: `prometheus 2.42.0` or `embedded`. */
  server: string;
  prometheus?: { pid: number | undefined; port: number; containerId?: string; image?: string; kept?: string };
  /**
   * Real ms from the call to the first successful scrape of every target. Prometheus 2.x takes
   * its first scrape no sooner than its 5 s target-discovery tick, so this may still be pending
   * when the load starts; it rejects (InfraError with Prometheus's log) if the scrape never comes.
   */
  firstScrape: Promise<number>;
  /** The embedded scraper's TSDB (recording rules write there in drill time); none with a real Prometheus. */
  tsdb?: Tsdb;
}

/**
 * Starts scraping the service processes: a real Prometheus when one was chosen (the host binary
 * or a container), else the
 * embedded scraper into the embedded TSDB (PromQL by the embedded engine). The embedded scraper
 * returns after its first scrape; Prometheus returns once it answers, with its first scrape to
 * come (`firstScrape`). Either way its stop is registered with `resources`.
 */
export async function startLocalMetrics(opts: {
  options: ResolvedLocalOptions;
  targets: ScrapeTarget[];
  clock: ScaledClock;
  dir: string;
  resources: LocalResources;
  onFailure: (err: InfraError) => void;
  /** A query's shortest range spans under two scrapes at this time scale (see ScaledMetricSource). */
  onShortRange: (query: string, rangeMs: number) => void;
}): Promise<LocalMetrics> {
  const { options, targets, clock, resources } = opts;
  const shortRange = { scrapeIntervalMs: options.scrapeIntervalMs, onShortRange: opts.onShortRange };
  const started = performance.now();
  if (options.prometheus) {
    const plan = options.prometheus;
    // With --keep the container outlives the run, so its config and TSDB go in a dir of their own
    // that the run does not remove.
    const dir = plan.kind === 'container' && plan.keep ? await mkdtemp(join(tmpdir(), 'firedrill-prometheus-')) : opts.dir;
    const launcher = plan.kind === 'binary' ? new HostPrometheusLauncher(plan.binary) : new ContainerPrometheusLauncher({ ...plan, dir });
    const server = await PrometheusServer.start({
      launcher, dir, targets, scrapeIntervalMs: options.scrapeIntervalMs,
      evaluationIntervalMs: options.evaluationIntervalMs, lookbackDeltaMs: options.lookbackDeltaMs,
    });
    resources.add('prometheus', () => server.stop());
    server.onUnexpectedExit(opts.onFailure);
    const firstScrape = server.waitForTargets(targets).then(() => performance.now() - started);
    firstScrape.catch(() => {}); // handled by whoever awaits it; never an unhandled rejection
    return {
      source: new ScaledMetricSource(new PrometheusHttpSource({ baseUrl: server.baseUrl, timeoutMs: 10_000 }), clock, shortRange),
      server: plan.kind === 'binary' ? `prometheus ${server.version}` : `prometheus ${server.version} (container ${plan.image})`,
      prometheus: {
        pid: server.pid, port: server.port,
        ...(server.containerId ? { containerId: server.containerId.slice(0, 12), image: plan.kind === 'container' ? plan.image : undefined } : {}),
        ...(plan.kind === 'container' && plan.keep ? { kept: `docker rm --force ${server.containerId?.slice(0, 12)} && rm -rf ${dir}` } : {}),
      },
      firstScrape,
    };
  }
  const tsdb = new DrillTimeTsdb(clock);
  const agent = createKeepAliveAgent();
  const scraper = new EmbeddedScraper(tsdb.realTime, targets, options.scrapeIntervalMs, agent);
  resources.add('embedded scraper', () => {
    scraper.stop();
    agent.destroy();
  });
  await scraper.start();
  const engine = new EmbeddedMetricSource(tsdb, { lookbackDelta: options.lookbackDeltaMs, defaultSubqueryStep: options.evaluationIntervalMs });
  return { source: new ScaledMetricSource(engine, clock, shortRange), server: 'embedded', firstScrape: Promise.resolve(performance.now() - started), tsdb };
}
