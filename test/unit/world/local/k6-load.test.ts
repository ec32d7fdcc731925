import { describe, expect, it } from 'vitest';
import { buildK6Script } from '../../../../src/world/local/k6-script.ts';
import { parseK6Line, parseK6Time } from '../../../../src/world/local/k6-results.ts';

const spec = { rate: 50, maxInFlight: 1000, timeoutMs: 10_000, mix: [{ route: '/api/checkout', method: 'POST' as const, weight: 70 }, { route: '/api/products', method: 'GET' as const, weight: 30 }] };

describe('k6 load', () => {
  it("generates a constant-arrival-rate script from the scenario's load section", () => {
    const script = buildK6Script({ baseUrl: 'http://127.0.0.1:4000', spec, durationMs: 90_000, seed: 3 });
    expect(script).toContain("executor: 'constant-arrival-rate'");
    expect(script).toContain('rate: 50,');
    expect(script).toContain("timeUnit: '1s'");
    expect(script).toContain("duration: '90000ms'");
    expect(script).toContain('maxVUs: 1000');
    expect(script).toContain("timeout: '10000ms'");
    expect(script).toContain('"route":"/api/checkout","method":"POST","weight":70');
    expect(script).toContain("'x-firedrill-request': id");
    expect(script).toContain('randomSeed(3 * 100003 + __VU)');
  });

  it('reads requests, timeouts, failed connections and dropped iterations from the JSON output', () => {
    const toVirtual = (u: number): number => u - 1_700_000_000_000;
    const canary = (id: string): boolean => id === 'k1-2';
    const point = (metric: string, value: number, tags: Record<string, string>): string =>
      JSON.stringify({ type: 'Point', metric, data: { time: '2023-11-14T22:13:20.500123456Z', value, tags } });
    expect(parseK6Line(point('http_req_duration', 120.5, { status: '200', rid: 'k1-2' }), toVirtual, canary)).toEqual({ start: 500 - 120.5, latencyMs: 120.5, status: 200, servedByCanary: true });
    expect(parseK6Line(point('http_req_duration', 10_000, { status: '0', error_code: '1050', rid: 'k1-3' }), toVirtual, canary)).toMatchObject({ error: 'timeout', servedByCanary: false });
    expect(parseK6Line(point('http_req_duration', 1, { status: '0', error_code: '1211', rid: 'k1-4' }), toVirtual, canary)).toMatchObject({ status: 502 });
    expect(parseK6Line(point('dropped_iterations', 1, {}), toVirtual, canary)).toEqual({ start: 500, latencyMs: 0, status: 0, error: 'dropped', servedByCanary: false });
    expect(parseK6Line(point('http_reqs', 1, { status: '200' }), toVirtual, canary)).toBeUndefined();
    expect(parseK6Line('{"type":"Metric","metric":"http_reqs","data":{}}', toVirtual, canary)).toBeUndefined();
    expect(parseK6Line('not json', toVirtual, canary)).toBeUndefined();
  });

  it('reads k6 times with nanoseconds and offsets', () => {
    expect(parseK6Time('2023-11-14T22:13:20.123456789Z')).toBe(1_700_000_000_123);
    expect(parseK6Time('2023-11-14T23:13:20.123+01:00')).toBe(1_700_000_000_123);
  });
});
