import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffFolders, readFolderFiles } from '../../helpers/folder-files.ts';
import { runCli } from '../../helpers/run-cli.ts';

/**
 * Issue 17: the maturity suite as --shard 1/3, 2/3, 3/3 (each in worker threads, --jobs 2) then
 * `merge`, against one unsharded run in one thread (--jobs 1). With its 3 seeds the suite takes
 * minutes, so this runs its first seed only (--max-seeds 1: every scenario x stack, 12 runs).
 */
const SUITE = 'scenarios/suites/maturity.yaml';
const root = mkdtempSync(join(tmpdir(), 'fd-shards-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const slow = { timeoutMs: 540_000 };

describe('the maturity suite sharded and merged', () => {
  const whole = join(root, 'whole');
  const merged = join(root, 'merged');
  const shards = [1, 2, 3].map((i) => join(root, `shard-${i}`));

  it('merges into the unsharded result, byte for byte: per-run files, suite.json and every report', () => {
    const one = runCli(['run', SUITE, '--max-seeds', '1', '--jobs', '1', '--out', whole], slow);
    expect(one.code, one.stderr).toBe(0);
    shards.forEach((dir, i) => {
      const res = runCli(['run', SUITE, '--max-seeds', '1', '--jobs', '2', '--shard', `${i + 1}/3`, '--out', dir], slow);
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toContain(`shard ${i + 1}/3 of suite maturity`);
    });
    const merge = runCli(['merge', ...shards, '--out', merged]);
    expect(merge.code, merge.stderr).toBe(0);
    expect(merge.stdout).toContain('expectations of suite maturity');
    const files = [...readFolderFiles(whole).keys()];
    expect(files.filter((f) => f.endsWith('/result.json'))).toHaveLength(12);
    expect(files).toEqual(expect.arrayContaining(['suite.json', 'report.md', 'report.html', 'junit.xml', 'error-spike-l0-sim-s1/summary.md']));
    // The journal lists runs in the order they finished (the merge's: key order); all else is equal.
    expect(diffFolders(whole, merged, (f) => f !== 'runs.jsonl')).toEqual([]);
    // The shards ran in worker threads, two at a time: their runs are the single thread's too.
    for (const dir of shards) expect(diffFolders(whole, dir, (f) => f.includes('/') && readFolderFiles(dir).has(f))).toEqual([]);
    expect(JSON.parse(readFileSync(join(merged, 'suite.json'), 'utf8')).runs).toHaveLength(12);
  }, 1_200_000);

  it('compare reads the merged result, and refuses a shard with a hint', () => {
    const same = runCli(['compare', whole, merged]);
    expect(same.code, same.stderr).toBe(0);
    const part = runCli(['compare', whole, shards[0]]);
    expect(part.code).toBe(2);
    expect(part.stderr).toMatch(/shard 1\/3 of suite "maturity", not a whole suite's result/);
    expect(part.stderr).toContain('firedrill merge');
  }, 120_000);

  it('refuses a merge with a shard missing, naming its keys', () => {
    const res = runCli(['merge', shards[0], shards[2], '--out', join(root, 'incomplete')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/missing runs: 4 of the suite's 12 keys .*shard\(s\) 2\/3 not given/);
  }, 60_000);
});
