import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer: a vector of these values (a number is a one-sample vector), or an empty one. */
export type ScriptedValue = number | number[];

/**
 * A loopback server speaking the Prometheus HTTP API (/api/v1/query, /api/v1/query_range) that
 * answers from a script instead of a TSDB, so the real Argo controller and the built-in engine
 * see the same values in the same order. Each metric of each run gets its own address,
 * http://127.0.0.1:PORT/<script key>/, and its own cursor: the Nth query on that address gets the
 * Nth value. Past the end, the last value repeats (a count mismatch then shows as a difference,
 * not as a hang). An instant query gets a vector; a range query a matrix, one series, one point
 * per value of the scripted list.
 */
export class ScriptedPrometheus {
  private server: Server | undefined;
  private readonly scripts = new Map<string, ScriptedValue[]>();
  private readonly served = new Map<string, number>();

  /** Registers the values for `key` and returns the address to put in the metric's provider. */
  script(key: string, values: ScriptedValue[]): string {
    if (!/^[a-z0-9/-]+$/.test(key)) throw new Error(`script key "${key}": lower-case letters, digits, dashes and slashes`);
    this.scripts.set(key, values);
    return `${this.url}/${key}`;
  }

  /** How many queries `key` was asked. */
  count(key: string): number {
    return this.served.get(key) ?? 0;
  }

  get url(): string {
    const addr = this.server?.address() as AddressInfo | undefined;
    if (!addr) throw new Error('ScriptedPrometheus is not started');
    return `http://127.0.0.1:${addr.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const m = /^\/(.+)\/api\/v1\/(query|query_range)$/.exec(url.pathname);
      const values = m ? this.scripts.get(m[1]) : undefined;
      // Drain the form body (Argo's client POSTs); the answer does not depend on it.
      req.resume();
      req.on('end', () => {
        if (!m || !values) {
          res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'error', errorType: 'not_found', error: `no script for ${url.pathname}` }));
          return;
        }
        const n = this.served.get(m[1]) ?? 0;
        this.served.set(m[1], n + 1);
        const value = values[Math.min(n, values.length - 1)];
        const now = Date.now() / 1000;
        const list = Array.isArray(value) ? value : [value];
        const data = m[2] === 'query'
          ? { resultType: 'vector', result: list.map((v, i) => ({ metric: { series: String(i) }, value: [now, String(v)] })) }
          : { resultType: 'matrix', result: list.length === 0 ? [] : [{ metric: {}, values: list.map((v, i) => [now - (list.length - i) * 60, String(v)]) }] };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    // Argo's Go client and fetch keep their connections alive: close() alone would wait for them.
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }
}
