import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../clock/index.ts';
import { InfraError } from '../../util/index.ts';
import { PromqlEvalError, PromqlParseError } from '../promql/errors.ts';
import { PromqlEngine } from '../promql/engine.ts';
import type { Tsdb } from '../tsdb.ts';
import {
  Answer, labelNamesHandler, labelValuesHandler, queryHandler, queryRangeHandler, seriesHandler, type ApiContext, type Handler,
} from './handlers.ts';
import { BadData, readParams } from './request-params.ts';

export interface PromApiServerOptions {
  tsdb: Tsdb;
  /** Query times default to clock.now(): virtual time on `sim`. */
  clock: Clock;
  engine?: PromqlEngine;
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
 * A Prometheus-compatible HTTP API over the drill's TSDB, served by the embedded engine while a
 * `sim` run is live, so Grafana, promtool or any Prometheus client can query a drill.
 */
export async function startPromApiServer(opts: PromApiServerOptions): Promise<PromApiServer> {
  const ctx: ApiContext = { tsdb: opts.tsdb, clock: opts.clock, engine: opts.engine ?? new PromqlEngine(opts.tsdb) };
  const server = createServer((req, res) => {
    handle(ctx, req, res).catch((err: unknown) => reply(res, 500, { status: 'error', errorType: 'internal', error: String(err) }));
  });
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

async function handle(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/-/ready' || url.pathname === '/-/healthy') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('firedrill embedded Prometheus API is ready.\n');
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
    const out = handler(ctx, await readParams(req, url));
    if (out instanceof Answer) {
      reply(res, 200, out.warnings.length > 0 ? { status: 'success', data: out.data, warnings: out.warnings } : { status: 'success', data: out.data });
    } else reply(res, 200, { status: 'success', data: out });
  } catch (err) {
    if (err instanceof BadData || err instanceof PromqlParseError) reply(res, 400, { status: 'error', errorType: 'bad_data', error: err.message });
    else if (err instanceof PromqlEvalError) reply(res, 422, { status: 'error', errorType: 'execution', error: err.message });
    else throw err;
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
