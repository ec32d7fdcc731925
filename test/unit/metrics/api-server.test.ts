import { EmbeddedMetricSource } from '../../../src/metrics/embedded-source.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/clock/index.ts';
import { startPromApiServer, type PromApiServer } from '../../../src/metrics/api-server/server.ts';
import { PrometheusHttpSource } from '../../../src/metrics/prometheus-client.ts';
import { Tsdb } from '../../../src/metrics/tsdb.ts';
import { UserInputError } from '../../../src/util/errors.ts';

describe('Prometheus-compatible API over the embedded engine', () => {
  const tsdb = new Tsdb();
  const clock = new VirtualClock(0);
  let server: PromApiServer;
  beforeAll(async () => {
    for (let t = 0; t <= 600_000; t += 15_000) {
      tsdb.append({ __name__: 'http_requests_total', version: 'stable' }, t, t / 1000);
      tsdb.append({ __name__: 'http_requests_total', version: 'canary' }, t, t / 500);
    }
    server = await startPromApiServer({ source: new EmbeddedMetricSource(tsdb), clock });
  });
  afterAll(() => server.close());

  const get = async (path: string): Promise<{ status: number; body: { status: string; data?: unknown; errorType?: string; error?: string } }> => {
    const res = await fetch(`${server.url}${path}`);
    return { status: res.status, body: (await res.json()) as never };
  };

  it('answers /api/v1/query like Prometheus, at virtual time by default', async () => {
    await clock.runUntil(300_000);
    const { body } = await get('/api/v1/query?query=sum(http_requests_total)&time=300');
    expect(body).toEqual({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [300, '900'] }] } });
    const virtual = await get(`/api/v1/query?query=time()`);
    expect(virtual.body.data).toEqual({ resultType: 'scalar', result: [clock.now() / 1000, String(clock.now() / 1000)] });
  });

  it('answers query_range, labels, label values and series', async () => {
    const range = await get('/api/v1/query_range?query=http_requests_total{version="canary"}&start=0&end=30&step=15s');
    expect(range.body.data).toEqual({
      resultType: 'matrix',
      result: [{ metric: { __name__: 'http_requests_total', version: 'canary' }, values: [[0, '0'], [15, '30'], [30, '60']] }],
    });
    expect((await get('/api/v1/labels')).body.data).toEqual(['__name__', 'version']);
    expect((await get('/api/v1/label/version/values')).body.data).toEqual(['canary', 'stable']);
    const series = await get(`/api/v1/series?match[]=${encodeURIComponent('{version="stable"}')}`);
    expect(series.body.data).toEqual([{ __name__: 'http_requests_total', version: 'stable' }]);
  });

  it('passes warnings on, as Prometheus does', async () => {
    const { body } = await get('/api/v1/query?query=histogram_sum(http_requests_total)&time=60');
    expect(body).toMatchObject({ status: 'success', data: { resultType: 'vector', result: [] } });
    expect((body as { warnings?: string[] }).warnings).toHaveLength(1);
    const source = new PrometheusHttpSource({ baseUrl: server.url });
    expect((await source.instant('histogram_sum(http_requests_total)', 60_000)).warnings).toHaveLength(1);
  });

  it('reports bad queries as bad_data', async () => {
    const res = await get('/api/v1/query?query=rate(x)');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 'error', errorType: 'bad_data' });
    expect((await get('/api/v1/query_range?query=up&start=10&end=0&step=1')).status).toBe(400);
    expect((await get('/api/v1/nope')).status).toBe(404);
  });

  it('is what PrometheusHttpSource talks to (ms and numbers on our side)', async () => {
    const source = new PrometheusHttpSource({ baseUrl: server.url });
    expect(await source.instant('http_requests_total{version="stable"} / 2', 60_000)).toEqual({
      resultType: 'vector', result: [{ metric: { version: 'stable' }, value: [60_000, 30] }],
    });
    expect(await source.range('vector(1)', 0, 1500, 500)).toEqual({
      resultType: 'matrix', result: [{ metric: {}, values: [[0, 1], [500, 1], [1000, 1], [1500, 1]] }],
    });
    await expect(source.instant('rate(x)', 0)).rejects.toThrow(UserInputError);
  });

  it('serves any MetricSource: a server in front of a remote Prometheus answers as the remote does', async () => {
    // The run's API in front of a real Prometheus (here: another Prometheus-compatible server).
    const front = await startPromApiServer({ source: new PrometheusHttpSource({ baseUrl: server.url }), clock });
    try {
      const both = async (path: string): Promise<[unknown, unknown]> => {
        const [a, b] = await Promise.all([fetch(`${server.url}${path}`), fetch(`${front.url}${path}`)]);
        expect(b.status).toBe(a.status);
        return [await a.json(), await b.json()];
      };
      for (const path of [
        '/api/v1/query?query=sum(http_requests_total)&time=300',
        '/api/v1/query_range?query=http_requests_total&start=0&end=60&step=15s',
        `/api/v1/series?match[]=${encodeURIComponent('{version="canary"}')}`,
        '/api/v1/labels',
        '/api/v1/label/version/values',
        '/api/v1/query?query=rate(x)',
        '/api/v1/query?query=histogram_sum(http_requests_total)&time=60',
      ]) {
        const [direct, proxied] = await both(path);
        expect(proxied, path).toEqual(direct);
      }
    } finally {
      await front.close();
    }
  });

  it('says so when its source cannot list series', async () => {
    const scripted = await startPromApiServer({
      source: { kind: 'scripted', instant: async () => ({ resultType: 'scalar', result: [0, 1] }), range: async () => ({ resultType: 'matrix', result: [] }) },
      clock,
    });
    try {
      const res = await fetch(`${scripted.url}/api/v1/labels`);
      expect(res.status).toBe(501);
      expect(await res.json()).toMatchObject({ status: 'error', errorType: 'unavailable' });
    } finally {
      await scripted.close();
    }
  });
});
