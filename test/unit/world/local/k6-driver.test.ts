import { chmod, mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InfraError } from '../../../../src/util/errors.ts';
import { createK6Load } from '../../../../src/world/local/k6-load.ts';
import { RequestTrace } from '../../../../src/world/local/request-trace.ts';
import type { RequestOutcome } from '../../../../src/world/truth.ts';

/**
 * The k6 binary is not on this machine (nor in Debian); a stand-in that behaves like `k6 run
 * --out json=FILE` checks the driver's side: arguments, output read while it grows, stop.
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firedrill-k6fake-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function fakeK6(body: string): Promise<string> {
  const file = join(dir, `k6-${Math.random().toString(36).slice(2)}`);
  await writeFile(file, `#!${process.execPath}\nconst fs = require('node:fs');\nconst args = process.argv.slice(2);\nconst out = args[args.indexOf('--out') + 1].slice('json='.length);\n${body}\n`);
  await chmod(file, 0o755);
  return file;
}

const spec = { rate: 10, maxInFlight: 10, timeoutMs: 1000, mix: [{ route: '/x', method: 'GET' as const, weight: 1 }] };

describe('k6 load driver', () => {
  it('runs the generated script and records each result line as it is written', async () => {
    const binary = await fakeK6(`
fs.writeFileSync(require('node:path').join(process.cwd(), 'args.json'), JSON.stringify(args));
let i = 0;
const point = (metric, value, tags) => fs.appendFileSync(out, JSON.stringify({ type: 'Point', metric, data: { time: new Date().toISOString(), value, tags } }) + '\\n');
setInterval(() => { point('http_req_duration', 12, { status: '200', rid: 'k1-' + i++ }); if (i === 3) point('dropped_iterations', 1, {}); }, 20);
process.on('SIGTERM', () => process.exit(0));`);
    const outcomes: RequestOutcome[] = [];
    const trace = new RequestTrace();
    trace.note('k1-1', 'canary');
    const load = createK6Load({ binary, dir, port: 1234, spec, seed: 1, scale: 1, toVirtual: (u) => u, trace, onOutcome: (o) => outcomes.push(o), onFailure: () => {} });
    await load.start(5_000);
    await new Promise((r) => setTimeout(r, 700));
    expect(outcomes.length).toBeGreaterThan(5);
    await load.stop();
    const args = JSON.parse(await readFile(join(dir, 'args.json'), 'utf8')) as string[];
    expect(args.slice(0, 2)).toEqual(['run', '--quiet']);
    expect(args).toContain('--no-usage-report');
    expect(args[args.length - 1]).toBe(join(dir, 'drill.js'));
    expect(await readFile(join(dir, 'drill.js'), 'utf8')).toContain('http://127.0.0.1:1234');
    expect(outcomes.filter((o) => o.servedByCanary)).toHaveLength(1);
    expect(load.counters().dropped).toBe(1);
  });

  it('fails the run with the log tail when k6 stops on its own', async () => {
    const binary = await fakeK6(`console.error('ERRO[0000] GoError: could not parse script'); process.exit(107);`);
    let failure: InfraError | undefined;
    const load = createK6Load({ binary, dir, port: 1, spec, seed: 1, scale: 1, toVirtual: (u) => u, trace: new RequestTrace(), onOutcome: () => {}, onFailure: (e) => (failure = e) });
    await load.start(5_000);
    await new Promise((r) => setTimeout(r, 500));
    await load.stop();
    expect(failure?.message).toMatch(/k6 stopped during the run \(exit code 107\)/);
    expect(failure?.message).toMatch(/could not parse script/);
  });
});
