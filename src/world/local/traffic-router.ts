import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createKeepAliveAgent } from '../../testbed/process/http-json.ts';
import { REQUEST_ID_HEADER } from '../../testbed/process/messages.ts';
import type { Rng } from '../../util/rng.ts';
import type { RequestTrace } from './request-trace.ts';

interface Backend {
  host: string;
  port: number;
}

/** Hop-by-hop headers a proxy must not forward. */
const HOP_HEADERS = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection'];

/**
 * A service's traffic split (what Istio's VirtualService is in a cluster): a reverse proxy on
 * 127.0.0.1 that sends each request to the stable or the canary process by the current weight,
 * with the sim's rule for picking. A weight change only affects requests that arrive after it;
 * requests in flight finish where they are.
 */
export class TrafficRouter {
  private readonly agent = createKeepAliveAgent();
  private readonly backends: { stable?: Backend; canary?: Backend } = {};
  private weight = 0;

  private constructor(
    readonly service: string,
    private readonly server: Server,
    readonly port: number,
    private readonly rng: Rng,
    private readonly trace: RequestTrace | undefined,
  ) {
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.forward(req, res));
  }

  /** Listens on 127.0.0.1 at a port the OS picks, unless `listen` says where (a router stand-in in a pod: 0.0.0.0:8080). */
  static async start(service: string, rng: Rng, trace?: RequestTrace, listen: { host: string; port: number } = { host: '127.0.0.1', port: 0 }): Promise<TrafficRouter> {
    const server = createServer();
    server.keepAliveTimeout = 60_000;
    server.headersTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(listen.port, listen.host, () => resolve());
    });
    return new TrafficRouter(service, server, (server.address() as AddressInfo).port, rng, trace);
  }

  /** Where a version's requests go: a process's port on 127.0.0.1, or (in a cluster) a Service's host and port. */
  setBackend(version: 'stable' | 'canary', port: number, host = '127.0.0.1'): void {
    this.backends[version] = { host, port };
  }

  setCanaryWeight(percent: number): void {
    this.weight = Math.max(0, Math.min(100, percent));
  }

  get canaryWeight(): number {
    return this.weight;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    this.agent.destroy();
    await closed;
  }

  private pick(): 'stable' | 'canary' {
    const { stable, canary } = this.backends;
    if (canary !== undefined && this.weight > 0 && (stable === undefined || this.rng.next() * 100 < this.weight)) return 'canary';
    return stable !== undefined ? 'stable' : 'canary';
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    const version = this.pick();
    const backend = this.backends[version];
    if (backend === undefined) {
      res.writeHead(503).end();
      return;
    }
    const id = req.headers[REQUEST_ID_HEADER];
    if (this.trace && typeof id === 'string') this.trace.note(id, version);
    const upstream = request({ host: backend.host, port: backend.port, method: req.method, path: req.url, headers: stripHop(req.headers), agent: this.agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, stripHop(answer.headers));
      answer.pipe(res);
    });
    upstream.on('error', (err) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `upstream ${version}: ${err.message}` }));
      else res.destroy();
    });
    // The caller gave up (its timeout): drop the upstream exchange too; the service keeps working on it.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }
}

function stripHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out = { ...headers };
  for (const h of HOP_HEADERS) delete out[h];
  return out;
}
