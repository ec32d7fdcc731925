import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WallClock } from '../../../../src/clock/wall-clock.ts';
import { createWebProvider } from '../../../../src/rollout/analysis/providers/web-provider.ts';
import type { Metric, WebMetric } from '../../../../src/rollout/analysis/types.ts';

interface Seen {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
const seen: Seen[] = [];

const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/ok': (_q, res) => res.end(JSON.stringify({ data: { ok: true, rate: 0.97, items: [{ v: 1 }, { v: 7 }] } })),
  '/false': (_q, res) => res.end(JSON.stringify({ completed: false })),
  '/text': (_q, res) => res.end('healthy'),
  '/empty': (_q, res) => res.end('[]'),
  '/500': (_q, res) => ((res.statusCode = 500), res.end('boom')),
  '/slow': () => {},
  '/echo': (req, res) => res.end(JSON.stringify({ method: req.method, tenant: req.headers['x-tenant'] })),
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      (routes[(req.url ?? '').split('?')[0]] ?? ((_q, r) => ((r.statusCode = 404), r.end())))(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A loopback port nobody listens on any more. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

const clock = new WallClock();
const measure = (web: Partial<WebMetric>, conditions: Partial<Metric> = {}) =>
  createWebProvider({ name: 'web', provider: { web: { url: `${base}/ok`, ...web } }, ...conditions }).run({ clock });

describe('web provider against a real HTTP server (webmetric.go)', () => {
  it('GETs the URL and evaluates the jsonPath value', async () => {
    const m = await measure({ jsonPath: '{$.data.ok}' }, { successCondition: 'result == true' });
    expect(m).toMatchObject({ phase: 'Successful', value: 'true' });
    expect(typeof m.startedAt).toBe('number');
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/ok' });
  });

  it('stores the value as Go json.Marshal of the selection', async () => {
    expect((await measure({ jsonPath: '{$.data.items[1]}' }, { successCondition: 'result.v > 5' }))).toMatchObject({ phase: 'Successful', value: '{"v":7}' });
    expect((await measure({ jsonPath: '{$.data.rate}' }, { successCondition: 'result >= 0.95' }))).toMatchObject({ phase: 'Successful', value: '0.97' });
    expect((await measure({}, { successCondition: 'result.data.ok' }))).toMatchObject({ phase: 'Successful' });
  });

  it('a boolean false fails a == "true" string condition (recorded rollout-aborted run)', async () => {
    const m = await measure({ url: `${base}/false`, jsonPath: '{$.completed}' }, { successCondition: 'result == "true"' });
    expect(m).toMatchObject({ phase: 'Error' });
    expect(m.message).toMatch(/mismatched types bool and string/);
  });

  it('a non-JSON body is evaluated as a string', async () => {
    expect(await measure({ url: `${base}/text` }, { successCondition: 'result == "healthy"' })).toMatchObject({ phase: 'Successful', value: 'healthy' });
  });

  it('sends POST bodies and headers; jsonBody sets the content type', async () => {
    await measure({ url: `${base}/echo`, method: 'POST', jsonBody: { q: 'x' }, headers: [{ key: 'X-Tenant', value: 'a' }] }, { successCondition: 'result.method == "POST" && result.tenant == "a"' });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', body: '{"q":"x"}', headers: { 'content-type': 'application/json', 'x-tenant': 'a' } });
    expect((await measure({ method: 'PUT', body: 'raw', url: `${base}/echo` }, { successCondition: 'result.method == "PUT"' })).phase).toBe('Successful');
  });

  it('reports Argo\'s errors: body with GET, non-2xx, missing path, no value, refused connection', async () => {
    expect((await measure({ body: 'x' })).message).toBe('Body/JSONBody can only be used with POST or PUT WebMetric Method types');
    expect(await measure({ url: `${base}/500` })).toMatchObject({ phase: 'Error', message: 'received non 2xx response code: 500' });
    expect((await measure({ jsonPath: '{$.data.missing}' })).message).toBe('Could not find JSONPath in body: missing is not found');
    expect((await measure({ url: `${base}/empty`, jsonPath: '{$[*]}' })).message).toBe('result of web metric produced no value');
    const closed = `http://127.0.0.1:${await closedPort()}/x`;
    const refused = await measure({ url: closed });
    expect(refused).toMatchObject({ phase: 'Error', message: `Get "${closed}": connect: connection refused` });
    expect(refused.value).toBeUndefined();
  });

  it('times out after timeoutSeconds', async () => {
    const m = await measure({ url: `${base}/slow`, timeoutSeconds: 1 });
    expect(m.message).toBe(`Get "${base}/slow": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`);
  });
});
