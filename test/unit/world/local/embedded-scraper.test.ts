import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedMetricSource } from '../../../../src/metrics/embedded-source.ts';
import { Tsdb } from '../../../../src/metrics/tsdb.ts';
import { createKeepAliveAgent } from '../../../../src/testbed/process/http-json.ts';
import { EmbeddedScraper } from '../../../../src/world/local/embedded-scraper.ts';

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
});

describe('EmbeddedScraper', () => {
  it('scrapes /metrics into the TSDB with job, instance and target labels, and writes staleness when a series or the target goes', async () => {
    let page = 'a_total{x="1"} 1\nb 2\n';
    let failing = false;
    server = createServer((_req, res) => {
      if (failing) res.writeHead(500).end();
      else res.end(page);
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    const tsdb = new Tsdb();
    const agent = createKeepAliveAgent();
    const scraper = new EmbeddedScraper(tsdb, [{ port, labels: { pod: 'p-1' } }], 100, agent);
    await scraper.start();
    const src = new EmbeddedMetricSource(tsdb);
    const now = Date.now();
    const r = await src.instant('a_total', now);
    expect(r.resultType === 'vector' && r.result[0].metric).toEqual({ __name__: 'a_total', x: '1', job: 'testbed', instance: `127.0.0.1:${port}`, pod: 'p-1' });
    page = 'a_total{x="1"} 5\n';
    await new Promise((r) => setTimeout(r, 250));
    const b = await src.instant('b', Date.now());
    expect(b.resultType === 'vector' && b.result).toEqual([]);
    failing = true;
    await new Promise((r) => setTimeout(r, 250));
    const a = await src.instant('a_total', Date.now());
    const up = await src.instant('up', Date.now());
    scraper.stop();
    agent.destroy();
    expect(a.resultType === 'vector' && a.result).toEqual([]);
    expect(up.resultType === 'vector' && up.result[0].value[1]).toBe(0);
  });
});
