import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../clock/index.ts';
import { InfraError } from '../../util/index.ts';
import type { MetricSource } from '../metric-source.ts';
import { PromQueryRejected } from '../prometheus-client.ts';
import { PromqlEvalError, PromqlParseError } from '../promql/errors.ts';
import { SelectorError } from '../select-series.ts';
import {
  Answer, labelNamesHandler, labelValuesHandler, NotSupported, queryHandler, queryRangeHandler, seriesHandler, type ApiContext, type Handler,
} from './handlers.ts';
import { BadData, readParams } from './request-params.ts';

export interface PromApiServerOptions {
  /** What answers: the embedded engine over a TSDB, a real Prometheus behind the run, a cluster's. */
  source: MetricSource;
  /** Query times default to clock.now(): the run's clock (virtual time on `sim`, drill time on `local`). */
  clock: Clock;
  /** Default 127.0.0.1: the API is for local clients only. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
}

export interface PromApiServer {
  /** Base URL, e.g. http://127.0.0.1:41234 (what a Prometheus client takes). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const ROUTES: Record<string, Handler> = {
  '/api/v1/query': queryHandler,
  '/api/v1/query_range': queryRangeHandler,
  '/api/v1/series': seriesHandler,
  '/api/v1/labels': labelNamesHandler,
};

/**
 * A Prometheus-compatible HTTP API over a run's MetricSource, in the run's time, so Grafana,
 * promtool, an agent or any Prometheus client queries a drill through one URL whatever measures it.
 */
export async function startPromApiServer(opts: PromApiServerOptions): Promise<PromApiServer> {
  const ctx: ApiContext = { source: opts.source, clock: opts.clock };
  const server = createServer((req, res) => void handlePromApiRequest(ctx, req, res));
  await listen(server, opts.host ?? '127.0.0.1', opts.port ?? 0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (err) => reject(new InfraError(`cannot serve the Prometheus API on ${host}:${port}: ${err.message}`, { cause: err })));
    server.listen(port, host, () => resolve());
  });
}

/**
 * Answers one request to the Prometheus API (`/api/v1/...`, `/-/ready`); mountable inside
 * another server (the agents' toolbox serves it next to its own tools). Never rejects.
 */
export async function handlePromApiRequest(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    await handle(ctx, req, res);
  } catch (err) {
    if (!res.headersSent) reply(res, 500, { status: 'error', errorType: 'internal', error: String(err) });
  }
}

async function handle(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/-/ready' || url.pathname === '/-/healthy') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`firedrill Prometheus API (${ctx.source.kind}) is ready.\n`);
    return;
  }
  const labelValues = /^\/api\/v1\/label\/([^/]+)\/values$/.exec(url.pathname);
  const handler = labelValues ? labelValuesHandler(decodeURIComponent(labelValues[1])) : ROUTES[url.pathname];
  if (!handler) {
    reply(res, 404, { status: 'error', errorType: 'not_found', error: `unknown endpoint ${url.pathname}` });
    return;
  }
  if (req.method !== 'GET' && req.method !== 'POST') {
    reply(res, 405, { status: 'error', errorType: 'bad_data', error: `method ${req.method} not allowed` });
    return;
  }
  try {
    const out = await handler(ctx, await readParams(req, url));
    if (out instanceof Answer) {
      reply(res, 200, out.warnings.length > 0 ? { status: 'success', data: out.data, warnings: out.warnings } : { status: 'success', data: out.data });
    } else reply(res, 200, { status: 'success', data: out });
  } catch (err) {
    if (err instanceof BadData || err instanceof PromqlParseError || err instanceof SelectorError) reply(res, 400, { status: 'error', errorType: 'bad_data', error: err.message });
    else if (err instanceof PromqlEvalError) reply(res, 422, { status: 'error', errorType: 'execution', error: err.message });
    else if (err instanceof PromQueryRejected) reply(res, err.errorType === 'bad_data' ? 400 : 422, { status: 'error', errorType: err.errorType, error: err.serverMessage });
    else if (err instanceof NotSupported) reply(res, 501, { status: 'error', errorType: 'unavailable', error: err.message });
    else if (err instanceof InfraError) reply(res, 503, { status: 'error', errorType: 'unavailable', error: err.message });
    else throw err;
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
