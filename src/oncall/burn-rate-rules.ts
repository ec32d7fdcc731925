import { stringify } from 'yaml';
import type { BurnWindow } from '../scenario/load-stack.ts';

/**
 * The default pager as a Prometheus rule file: multi-window, multi-burn-rate alerts (SRE Workbook
 * ch. 5) on the user-facing service's availability (5xx share) and latency (share slower than the
 * SLO threshold, read from the histogram bucket at that boundary). A real rule file, so the same
 * alerts run on the embedded engine, on a real Prometheus, and can be copied into one.
 */
export function buildBurnRateRuleFile(opts: { service: string; objective: number; latencyThresholdS: number; windows: BurnWindow[] }): string {
  const budget = 1 - opts.objective / 100;
  const sel = `service="${opts.service}"`;
  const errorRatio = (w: string): string =>
    `(sum(rate(http_requests_total{${sel},code=~"5.."}[${w}])) / sum(rate(http_requests_total{${sel}}[${w}])))`;
  const slowRatio = (w: string): string =>
    `(1 - sum(rate(http_request_duration_seconds_bucket{${sel},le="${opts.latencyThresholdS}"}[${w}])) / sum(rate(http_request_duration_seconds_count{${sel}}[${w}])))`;
  const expr = (ratio: (w: string) => string): string =>
    opts.windows
      .map((win) => {
        const threshold = formatNumber(win.factor * budget);
        return `(${ratio(promDuration(win.longMs))} > ${threshold} and ${ratio(promDuration(win.shortMs))} > ${threshold})`;
      })
      .join(' or ');
  const alert = (name: string, what: string, ratio: (w: string) => string) => ({
    alert: name,
    expr: expr(ratio),
    labels: { severity: 'page' },
    annotations: { summary: `${opts.service}: ${what} is burning the ${opts.objective}% SLO's error budget too fast` },
  });
  return stringify({
    groups: [
      {
        name: 'firedrill-slo-burn',
        rules: [
          alert('SLOErrorBudgetBurn', '5xx share', errorRatio),
          alert('SLOLatencyBudgetBurn', `share of requests slower than ${opts.latencyThresholdS}s`, slowRatio),
        ],
      },
    ],
  }, { lineWidth: 0 });
}

function promDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${ms / 1000}s`;
}

function formatNumber(x: number): string {
  return String(Number(x.toPrecision(12)));
}
