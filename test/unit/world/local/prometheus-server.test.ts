import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusHttpSource } from '../../../../src/metrics/prometheus-client.ts';
import { InfraError } from '../../../../src/util/errors.ts';
import { findExecutable } from '../../../../src/util/find-executable.ts';
import { PrometheusServer } from '../../../../src/world/local/prometheus-server.ts';
import { ScaledClock } from '../../../../src/world/local/scaled-clock.ts';
import { ScaledMetricSource } from '../../../../src/world/local/scaled-metric-source.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firedrill-promtest-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A stand-in for the prometheus binary: answers --version, then prints `log` and exits 1. */
async function fakeBinary(name: string, log: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "prometheus, version 9.9.9"; exit 0; fi\necho '${log}' >&2\nexit 1\n`);
  await chmod(file, 0o755);
  return file;
}

const opts = (binary: string) => ({ binary, dir, targets: [{ port: 1, labels: { pod: 'x' } }], scrapeIntervalMs: 1000, evaluationIntervalMs: 1000, lookbackDeltaMs: 5000 });

describe('PrometheusServer startup failures', () => {
  it('retries a taken port, then fails with the cause and the log tail', async () => {
    const binary = await fakeBinary('port-taken', 'level=error msg="listen tcp 127.0.0.1:9090: bind: address already in use"');
    const err = await PrometheusServer.start(opts(binary)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InfraError);
    expect((err as Error).message).toMatch(/was taken 3 times/);
    expect((err as Error).message).toMatch(/address already in use/);
  });

  it('fails with the log tail when Prometheus crashes at start', async () => {
    const binary = await fakeBinary('crash', 'level=error msg="Error loading config" err="boom: bad scrape_interval"');
    const err = await PrometheusServer.start(opts(binary)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InfraError);
    expect((err as Error).message).toMatch(/did not start: it exited/);
    expect((err as Error).message).toMatch(/boom: bad scrape_interval/);
  });
});

const PROMETHEUS = findExecutable('prometheus');

describe.skipIf(!PROMETHEUS)(`real Prometheus${PROMETHEUS ? '' : ' (skipped: no prometheus binary on PATH)'}`, () => {
  it('scrapes a static target, answers PromQL, and stops', async () => {
    let n = 0;
    const target = createServer((_req, res) => res.end(`# TYPE req_total counter\nreq_total ${(n += 10)}\n`));
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
    const port = (target.address() as AddressInfo).port;
    const server = await PrometheusServer.start({ ...opts(PROMETHEUS!), targets: [{ port, labels: { pod: 'p' } }] });
    try {
      await server.waitForTargets([{ port, labels: { pod: 'p' } }]);
      await new Promise((r) => setTimeout(r, 2500));
      // Virtual time at scale 10: [20s] virtual is [2s] real, and the counter grows 10 per real second.
      const clock = new ScaledClock(10);
      const source = new ScaledMetricSource(new PrometheusHttpSource({ baseUrl: server.baseUrl }), clock);
      const r = await source.instant('rate(req_total[20s])', clock.now());
      expect(r.resultType).toBe('vector');
      const v = r.resultType === 'vector' ? r.result[0] : undefined;
      expect(v?.value[1]).toBeCloseTo(10, 0);
      expect(Math.abs(v!.value[0] - clock.now())).toBeLessThan(2000);
      expect(v?.metric).toMatchObject({ job: 'testbed', pod: 'p' });
    } finally {
      await server.stop();
      target.close();
    }
    expect(() => process.kill(server.pid!, 0)).toThrow();
  }, 60_000);
});
