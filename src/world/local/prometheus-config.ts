import { join } from 'node:path';
import { SCRAPE_JOB, instanceOf, type ScrapeTarget } from './scrape-target.ts';

/** Go duration text for whole milliseconds (Prometheus config and flags accept `1500ms`). */
export function formatGoDuration(ms: number): string {
  const whole = Math.max(1, Math.round(ms));
  return whole % 1000 === 0 ? `${whole / 1000}s` : `${whole}ms`;
}

/**
 * prometheus.yml for one run: one job over the service processes, static targets (they are all
 * known before Prometheus starts, so no discovery delay), each with its pod label.
 */
export function buildPrometheusConfig(targets: ScrapeTarget[], scrapeIntervalMs: number, evaluationIntervalMs: number): string {
  const lines = [
    'global:',
    `  scrape_interval: ${formatGoDuration(scrapeIntervalMs)}`,
    `  scrape_timeout: ${formatGoDuration(Math.max(500, scrapeIntervalMs * 0.9))}`,
    `  evaluation_interval: ${formatGoDuration(evaluationIntervalMs)}`,
    'scrape_configs:',
    `  - job_name: ${SCRAPE_JOB}`,
    '    static_configs:',
  ];
  for (const t of targets) {
    lines.push(`      - targets: ['${instanceOf(t)}']`, '        labels:', `          pod: '${t.labels.pod}'`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Prometheus's flags for one run, the same for the host binary and the container (which shares
 * the host's network and sees `dir` at the same path): config and TSDB in `dir`, loopback only.
 */
export function buildPrometheusArgs(dir: string, port: number, lookbackDeltaMs: number): string[] {
  return [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    `--query.lookback-delta=${formatGoDuration(lookbackDeltaMs)}`,
    '--storage.tsdb.retention.time=1d',
  ];
}
