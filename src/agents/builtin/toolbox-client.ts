import type { QueryResult } from '../../metrics/metric-source.ts';
import { fromPrometheusData, type PrometheusData } from '../../metrics/prometheus-json.ts';
import type { LogQuery, ServiceLogLine } from '../toolbox/incident-view.ts';

/** What a built-in agent asks the run's toolbox; every call goes over HTTP and counts against its budget. */
export interface ToolboxClient {
  /** Instant PromQL at drill ms `at`. */
  query(promql: string, at: number): Promise<QueryResult>;
  logs(q: LogQuery): Promise<ServiceLogLine[]>;
  /** A file at a commit; undefined when it does not exist there. */
  file(commit: string, path: string): Promise<string | undefined>;
  /** Paths at a commit under a folder. */
  listFiles(commit: string, under?: string): Promise<string[]>;
}

/** The toolbox over HTTP with the run's bearer token (what any external agent does too). */
export class HttpToolboxClient implements ToolboxClient {
  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly signal?: AbortSignal,
  ) {}

  async query(promql: string, at: number): Promise<QueryResult> {
    const body = await this.get('/api/v1/query', { query: promql, time: String(at / 1000) }) as { data: PrometheusData };
    return fromPrometheusData(body.data);
  }

  async logs(q: LogQuery): Promise<ServiceLogLine[]> {
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(q)) if (v !== undefined) params[k] = String(v);
    const body = await this.get('/tools/logs', params) as { lines: ServiceLogLine[] };
    return body.lines;
  }

  async file(commit: string, path: string): Promise<string | undefined> {
    const res = await this.fetch('/tools/file', { commit, path });
    if (res.status === 404) return undefined;
    const body = await this.read(res) as { content: string };
    return body.content;
  }

  async listFiles(commit: string, under?: string): Promise<string[]> {
    const body = await this.get('/tools/files', under ? { commit, under } : { commit }) as { files: string[] };
    return body.files;
  }

  private async get(path: string, params: Record<string, string>): Promise<unknown> {
    return this.read(await this.fetch(path, params));
  }

  private fetch(path: string, params: Record<string, string>): Promise<Response> {
    const qs = new URLSearchParams(params).toString();
    return fetch(`${this.url}${path}${qs ? `?${qs}` : ''}`, { headers: { authorization: `Bearer ${this.token}` }, signal: this.signal });
  }

  private async read(res: Response): Promise<unknown> {
    const text = await res.text();
    if (!res.ok) throw new Error(`toolbox ${res.url} answered HTTP ${res.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as unknown;
  }
}
