import { InfraError, UserInputError } from '../util/index.ts';
import type { Labels } from './labels.ts';
import type { MetricSource, QueryResult } from './metric-source.ts';
import { fromPrometheusData, type PrometheusData } from './prometheus-json.ts';

export interface PrometheusClientOptions {
  /** e.g. http://127.0.0.1:9090 (a path prefix such as /prometheus is kept). */
  baseUrl: string;
  timeoutMs?: number;
  /** Extra headers (e.g. Authorization) sent with every request. */
  headers?: Record<string, string>;
}

interface ApiAnswer {
  status: 'success' | 'error';
  data?: unknown;
  warnings?: string[];
  errorType?: string;
  error?: string;
}

/**
 * A real Prometheus (or anything speaking its HTTP API) as a MetricSource: POSTs to
 * /api/v1/query and /api/v1/query_range. Query errors (bad_data, execution) are UserInputError;
 * a server that cannot be reached or answers garbage is InfraError.
 */
export class PrometheusHttpSource implements MetricSource {
  readonly kind = 'prometheus';
  private readonly base: string;

  constructor(private readonly opts: PrometheusClientOptions) {
    this.base = opts.baseUrl.replace(/\/+$/, '');
  }

  async instant(query: string, at: number): Promise<QueryResult> {
    return this.query('/api/v1/query', { query, time: seconds(at) });
  }

  async range(query: string, start: number, end: number, step: number): Promise<QueryResult> {
    return this.query('/api/v1/query_range', { query, start: seconds(start), end: seconds(end), step: seconds(step) });
  }

  async series(selectors: readonly string[], start?: number, end?: number): Promise<Labels[]> {
    // Prometheus requires a match[]; "every series" is every series with a name.
    const params = new URLSearchParams();
    for (const m of selectors.length ? selectors : ['{__name__=~".+"}']) params.append('match[]', m);
    if (start !== undefined && Number.isFinite(start)) params.set('start', seconds(start));
    if (end !== undefined && Number.isFinite(end)) params.set('end', seconds(end));
    const { data } = await this.post('/api/v1/series', params);
    return data as Labels[];
  }

  private async query(path: string, params: Record<string, string>): Promise<QueryResult> {
    const { data, warnings } = await this.post(path, new URLSearchParams(params));
    const result = fromPrometheusData(data as PrometheusData);
    return warnings?.length ? { ...result, warnings } : result;
  }

  private async post(path: string, params: URLSearchParams): Promise<{ data: unknown; warnings?: string[] }> {
    const url = `${this.base}${path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...this.opts.headers },
        body: params.toString(),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000),
      });
    } catch (err) {
      throw new InfraError(`cannot reach Prometheus at ${this.base}: ${(err as Error).message}`, {
        hint: 'check that the server runs and the URL (scheme, host, port) is right',
        cause: err,
      });
    }
    const text = await res.text();
    let body: ApiAnswer;
    try {
      body = JSON.parse(text) as ApiAnswer;
    } catch (err) {
      throw new InfraError(`Prometheus at ${url} answered HTTP ${res.status} with non-JSON: ${text.slice(0, 200)}`, { cause: err });
    }
    if (body.status === 'success' && body.data !== undefined) return { data: body.data, warnings: body.warnings };
    const detail = `${body.errorType ?? `HTTP ${res.status}`}: ${body.error ?? 'no error message'}`;
    if (body.errorType === 'bad_data' || body.errorType === 'execution') {
      const what = params.has('query') ? `query ${JSON.stringify(params.get('query'))}` : `${path} ${JSON.stringify(params.getAll('match[]'))}`;
      throw new PromQueryRejected(body.errorType, body.error ?? '', `Prometheus rejected ${what}: ${detail}`);
    }
    throw new InfraError(`Prometheus query failed at ${url}: ${detail}`);
  }
}

/** A query the server refused (bad_data) or failed to evaluate (execution), with Prometheus's own words. */
export class PromQueryRejected extends UserInputError {
  constructor(readonly errorType: 'bad_data' | 'execution', readonly serverMessage: string, message: string) {
    super(message, { hint: 'the query is checked by the server; fix the PromQL' });
  }
}

/** Milliseconds as the API's decimal seconds (exact: up to 3 decimals). */
function seconds(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? String(s) : s.toFixed(3).replace(/0+$/, '');
}
