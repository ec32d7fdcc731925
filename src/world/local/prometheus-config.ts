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
