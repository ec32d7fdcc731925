/** One /metrics endpoint a scraper (embedded or Prometheus) reads: a service version's process. */
export interface ScrapeTarget {
  port: number;
  /** Extra target labels, as a Kubernetes pod's would be (never `service`/`version`: the app sets those). */
  labels: { pod: string };
}

export const SCRAPE_JOB = 'testbed';

export function instanceOf(t: ScrapeTarget): string {
  return `127.0.0.1:${t.port}`;
}
