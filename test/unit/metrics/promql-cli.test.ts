import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import yargs from 'yargs';
import { promqlCommand } from '../../../src/cli/commands/promql.ts';

// `firedrill promql eval`, driven through yargs as the CLI entry registers it.
const dir = mkdtempSync(join(tmpdir(), 'firedrill-promql-cli-'));
const LOAD = join(dir, 'series.txt');
const OM = join(dir, 'series.om');
writeFileSync(LOAD, 'load 5m\n  http_requests_total{job="api", instance="0"} 0+10x10\n  http_requests_total{job="api", instance="1"} 0+20x10\n');
writeFileSync(OM, '# TYPE up gauge\nup{job="api"} 1 1700000000\nup{job="api"} 0 1700000015.5\n# EOF\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<string> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await yargs(args).command(promqlCommand).strict().fail((msg, err) => {
      throw err ?? new Error(msg);
    }).parseAsync();
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('firedrill promql eval', () => {
  it('prints the data field of /api/v1/query for --at', async () => {
    const out = await run(['promql', 'eval', '--series', LOAD, '--at', '50m', 'sum by (job) (rate(http_requests_total[10m]))']);
    expect(JSON.parse(out)).toEqual({ resultType: 'vector', result: [{ metric: { job: 'api' }, value: [3000, '0.1'] }] });
  });

  it('prints the data field of /api/v1/query_range for --range', async () => {
    const out = await run(['promql', 'eval', '--series', LOAD, '--range', '0:10m:5m', 'http_requests_total{instance="1"} / 2']);
    expect(JSON.parse(out)).toEqual({
      resultType: 'matrix',
      result: [{ metric: { instance: '1', job: 'api' }, values: [[0, '0'], [300, '10'], [600, '20']] }],
    });
  });

  it('reads OpenMetrics with Unix-second timestamps', async () => {
    const out = await run(['promql', 'eval', '--series', OM, '--at', '1700000016', 'up']);
    expect(JSON.parse(out)).toEqual({ resultType: 'vector', result: [{ metric: { __name__: 'up', job: 'api' }, value: [1700000016, '0'] }] });
  });

  it('rejects bad input with user errors', async () => {
    await expect(run(['promql', 'eval', '--series', LOAD, 'up'])).rejects.toThrow('give --at T');
    await expect(run(['promql', 'eval', '--series', LOAD, '--range', '0:10m', 'up'])).rejects.toThrow('is not START:END:STEP');
    await expect(run(['promql', 'eval', '--series', join(dir, 'missing'), '--at', '0', 'up'])).rejects.toThrow('does not exist');
    await expect(run(['promql', 'eval', '--series', LOAD, '--at', '0', 'rate(up)'])).rejects.toThrow('expected type range vector');
  });
});
