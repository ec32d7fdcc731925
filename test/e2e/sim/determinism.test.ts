import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'firedrill-det-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('same seed, same inputs, sim backend', () => {
  it('gives byte-identical timeline.jsonl, truth.jsonl and result.json across processes', () => {
    const a = runCli(['run', 'scenarios/error-spike.yaml', '--stack', 'l0', '--seed', '1', '--out', join(dir, 'a')]);
    const b = runCli(['run', 'scenarios/error-spike.yaml', '--stack', 'l0', '--seed', '1', '--out', join(dir, 'b')]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    for (const file of ['timeline.jsonl', 'truth.jsonl', 'result.json', 'summary.md']) {
      expect(readFileSync(join(dir, 'b', file), 'utf8'), file).toBe(readFileSync(join(dir, 'a', file), 'utf8'));
    }
    expect(readFileSync(join(dir, 'a', 'timeline.jsonl'), 'utf8').split('\n').length).toBeGreaterThan(100);
  }, 120_000);

  it('holds at L2 too: the agent works over real HTTP while time holds, its journal stays byte-identical', () => {
    const a = runCli(['run', 'scenarios/dependency-cascade.yaml', '--stack', 'l2', '--seed', '4', '--out', join(dir, 'l2a')]);
    const b = runCli(['run', 'scenarios/dependency-cascade.yaml', '--stack', 'l2', '--seed', '4', '--out', join(dir, 'l2b')]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const timeline = readFileSync(join(dir, 'l2a', 'timeline.jsonl'), 'utf8');
    expect(timeline).toContain('"agent.answered"');
    for (const file of ['timeline.jsonl', 'result.json']) expect(readFileSync(join(dir, 'l2b', file), 'utf8'), file).toBe(readFileSync(join(dir, 'l2a', file), 'utf8'));
  }, 120_000);

  it('gives a different timeline for a different seed', () => {
    const c = runCli(['run', 'scenarios/error-spike.yaml', '--stack', 'l0', '--seed', '2', '--out', join(dir, 'c')]);
    expect(c.code, c.stderr).toBe(0);
    expect(readFileSync(join(dir, 'c', 'timeline.jsonl'), 'utf8')).not.toBe(readFileSync(join(dir, 'a', 'timeline.jsonl'), 'utf8'));
  }, 60_000);
});
