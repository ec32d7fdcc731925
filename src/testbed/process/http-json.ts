import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { TIMEOUT_STATUS } from '../core/statuses.ts';

export { TIMEOUT_STATUS };
/** Status for a connection that failed (refused, reset) before any answer. */
export const UNREACHABLE_STATUS = 502;

export interface HttpAnswer {
  status: number;
  body: unknown;
  /** The response's headers (none when there was no response). */
  headers?: IncomingHttpHeaders;
  /** Set when the client gave up at its timeout. */
  timedOut?: boolean;
  /** Set when the connection failed. */
  error?: string;
}

export interface JsonRequest {
  /** Default 127.0.0.1; a pod calls its dependencies by their cluster Service's name. */
  host?: string;
  method: string;
  /** Path with query string, e.g. /api/products?page=2 */
  path: string;
  /** Already serialized JSON (the load generator serializes its payload pool once). */
  body?: string;
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** 'text' keeps the body as a string (a /metrics page); default parses JSON when it can. */
  responseType?: 'json' | 'text';
}

/** Keep-alive connections: a new TCP connection per call would add latency the sim has not. */
export function createKeepAliveAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: Infinity, timeout: 30_000 });
}

/**
 * One HTTP call (on 127.0.0.1 unless `host` says otherwise) with a JSON body and a client-side timeout over the whole exchange.
 * Never rejects: a timeout is a 504 answer, a failed connection a 502 answer.
 */
export function requestJson(agent: Agent, port: number, req: JsonRequest): Promise<HttpAnswer> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (answer: HttpAnswer): void => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      resolve(answer);
    };
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(req.body);
    }
    const outgoing = request({ host: req.host ?? '127.0.0.1', port, method: req.method, path: req.path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        finish({ status: res.statusCode ?? 0, body: req.responseType === 'text' ? text : parseBody(text), headers: res.headers });
      });
      res.on('error', (err) => finish({ status: UNREACHABLE_STATUS, body: undefined, error: err.message }));
    });
    const timer = req.timeoutMs
      ? setTimeout(() => {
          finish({ status: TIMEOUT_STATUS, body: { error: `timeout after ${req.timeoutMs}ms` }, timedOut: true });
          outgoing.destroy();
        }, req.timeoutMs)
      : undefined;
    outgoing.on('error', (err) => finish({ status: UNREACHABLE_STATUS, body: undefined, error: err.message }));
    outgoing.end(req.body);
  });
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
