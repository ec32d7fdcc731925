import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ServiceRequest, ServiceResponse } from '../sdk.ts';
import { REQUEST_ID_HEADER, SERVED_HEADER } from './messages.ts';
import { ProcessInvocation } from './process-invocation.ts';
import type { ServiceHost } from './service-host.ts';

/**
 * The HTTP face of a service process: GET /metrics for the scraper (outside the worker pool, as
 * prom-client's endpoint is), every other request through the pool to the handlers.
 */
export function createServiceServer(host: ServiceHost): Server {
  const server = createServer((req, res) => {
    const arrived = performance.now();
    if (req.method === 'GET' && req.url === '/metrics') {
      void serveMetrics(host, res);
      return;
    }
    void readRequest(req).then(
      (request) => {
        const header = req.headers[REQUEST_ID_HEADER];
        const id = typeof header === 'string' ? header : undefined;
        new ProcessInvocation(host, request, id, arrived, (answer) => writeJson(res, answer, host.takeServed(id))).run();
      },
      () => writeJson(res, { status: 400, body: { error: 'request body is not JSON' } }),
    );
  });
  // Longer than the callers' idle keep-alive sockets live, so a reused socket is never closed under them.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  return server;
}

async function serveMetrics(host: ServiceHost, res: ServerResponse): Promise<void> {
  const text = await host.metrics.registry.metrics();
  res.writeHead(200, { 'content-type': host.metrics.registry.contentType });
  res.end(text);
}

async function readRequest(req: IncomingMessage): Promise<ServiceRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const query = url.search ? Object.fromEntries(url.searchParams) : undefined;
  return { method: req.method ?? 'GET', route: url.pathname, query, body: text === '' ? undefined : JSON.parse(text) };
}

function writeJson(res: ServerResponse, answer: ServiceResponse, served?: string): void {
  // A caller that timed out has gone; the work was done and counted all the same.
  if (res.destroyed) return;
  const body = answer.body === undefined ? '' : JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(served ? { [SERVED_HEADER]: served } : {}) });
  res.end(body);
}
