import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, RunStore, readRunFiles, type RunResult } from '../../../src/suite/index.ts';
import type { RunRecord } from '../../../src/runner/run-record.ts';
import { makeScorecard } from '../../helpers/scorecards.ts';

const root = mkdtempSync(join(tmpdir(), 'fd-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function result(seed: number): RunResult {
  const record = {
    schema: 'firedrill.run/v1',
    scenario: { name: 'error-spike', baselineMs: 300_000 },
    stack: { name: 'l1', level: 'L1', scrapeIntervalMs: 15_000 },
    backend: 'sim',
    seed,
    workspace: { v1: 'a', v2: 'b', diff: '' },
    timeline: [{ t: 0, type: 'run.started', source: 'harness' }],
    truth: [{ t: 0, total: 50, failed: 0, slow: 0, dropped: 0, canary: 0, canaryBad: 0, byCommit: {} }],
  } as unknown as RunRecord;
  return { runId: `x-${seed}`, record, scorecard: makeScorecard(), wallMs: 1234 };
}

describe("a suite's run store", () => {
  it('writes each run, then its journal line; --resume gets back exactly the finished runs', async () => {
    const dir = join(root, 'suite');
    const store = new RunStore(dir, true);
    expect(await store.open({ suite: 'nightly', backend: 'sim' }, false)).toEqual([]);
    for (const seed of [1, 2]) await store.writeRun(result(seed), { scenario: 'error-spike', stack: 'l1', seed }, `error-spike-l1-sim-s${seed}`);
    // A crash while appending the third line leaves a torn line: that run simply runs again.
    appendFileSync(join(dir, JOURNAL_FILE), '{"scenario":"error-spike","stack":"l1","se');
    const resumed = await new RunStore(dir, true).open({ suite: 'nightly', backend: 'sim' }, true);
    expect(resumed.map((r) => [r.seed, r.dir, r.scorecard.verdict])).toEqual([[1, 'error-spike-l1-sim-s1', 'pass'], [2, 'error-spike-l1-sim-s2', 'pass']]);
    const files = await readRunFiles(join(dir, 'error-spike-l1-sim-s2'));
    expect(files.record.seed).toBe(2);
    expect(files.record.scorecard.verdict).toBe('pass');
    expect(files.timeline).toHaveLength(1);
    expect(files.truth[0].total).toBe(50);
    // Nothing wall-clock in the run's files: its id and wall time stay out.
    expect(readFileSync(join(dir, 'error-spike-l1-sim-s1', 'result.json'), 'utf8')).not.toMatch(/x-1|1234/);
  });

  it('refuses to mix a new suite into a folder that holds one, and a resume of another suite', async () => {
    const dir = join(root, 'suite');
    await expect(new RunStore(dir, true).open({ suite: 'nightly', backend: 'sim' }, false)).rejects.toThrow(/already holds a suite's runs.*/);
    await expect(new RunStore(dir, true).open({ suite: 'maturity', backend: 'sim' }, true)).rejects.toThrow(/holds suite "nightly" on sim, not "maturity" on sim/);
    await expect(new RunStore(join(root, 'empty'), true).open({ suite: 'nightly', backend: 'sim' }, true)).rejects.toThrow(/holds no suite journal/);
  });

  it('keeps a single run in its own folder, without a journal', async () => {
    const dir = join(root, 'single');
    const store = new RunStore(dir, false);
    await store.open({ suite: 'x', backend: 'sim' }, false);
    const summary = await store.writeRun(result(3), { scenario: 'error-spike', stack: 'l1', seed: 3 }, 'ignored');
    expect(summary.dir).toBe('.');
    expect(JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')).seed).toBe(3);
    await store.open({ suite: 'x', backend: 'sim' }, false);
  });
});
