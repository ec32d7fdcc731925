import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { InfraError } from '../../../util/errors.ts';
import type { ClusterPki } from './cluster-pki.ts';

/** How to reach a local control plane's API server as the admin client. */
export interface KubeConnection {
  server: string;
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

export interface KubeAnswer<T = unknown> {
  status: number;
  body: T;
}

export function connectKube(server: string, pki: Pick<ClusterPki, 'caCert' | 'adminCert' | 'adminKey'>): KubeConnection {
  return { server, ca: readFileSync(pki.caCert), cert: readFileSync(pki.adminCert), key: readFileSync(pki.adminKey) };
}

/**
 * One request to the API server with the admin certificate; JSON in and out. A few calls during
 * start-up and in tests do not justify a client library; the cluster backend's watch side uses
 * @kubernetes/client-node. Transport errors reject; HTTP errors resolve with their status.
 */
export function requestKube<T = unknown>(conn: KubeConnection, method: string, path: string, body?: unknown, opts: { contentType?: string; timeoutMs?: number } = {}): Promise<KubeAnswer<T>> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, conn.server),
      {
        method,
        ca: conn.ca,
        cert: conn.cert,
        key: conn.key,
        timeout: opts.timeoutMs ?? 10_000,
        headers: { accept: 'application/json', ...(payload === undefined ? {} : { 'content-type': opts.contentType ?? 'application/json' }) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch {
            // Plain-text answers (/readyz, /livez) stay text.
          }
          resolve({ status: res.statusCode ?? 0, body: parsed as T });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in ${opts.timeoutMs ?? 10_000} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** requestKube that throws an InfraError unless the status is 2xx (or one of `accept`). */
export async function callKube<T = unknown>(conn: KubeConnection, method: string, path: string, body?: unknown, opts: { contentType?: string; accept?: number[] } = {}): Promise<KubeAnswer<T>> {
  const answer = await requestKube<T>(conn, method, path, body, opts);
  if ((answer.status >= 200 && answer.status < 300) || opts.accept?.includes(answer.status)) return answer;
  const message = (answer.body as { message?: string } | undefined)?.message ?? JSON.stringify(answer.body);
  throw new InfraError(`${method} ${path}: HTTP ${answer.status}: ${message}`);
}
