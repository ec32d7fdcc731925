import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { carryResult, reviveResult } from '../../../src/suite/carried-result.ts';
import { RunStore, type RunResult } from '../../../src/suite/index.ts';
import type { RunRecord } from '../../../src/runner/run-record.ts';
import { makeScorecard } from '../../helpers/scorecards.ts';

const root = mkdtempSync(join(tmpdir(), 'fd-carried-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function result(): RunResult {
  const record = {
    schema: 'firedrill.run/v1',
    scenario: { name: 'error-spike', baselineMs: 300_000 },
    stack: { name: 'l1', level: 'L1', scrapeIntervalMs: 15_000 },
    backend: 'sim',
    seed: 1,
    workspace: { v1: 'a', v2: 'b', diff: '' },
    fix: { branch: 'fix/x', commit: 'c', pr: '# fix' },
    timeline: [{ t: 0, type: 'run.started', source: 'harness' }],
    truth: [
      { t: 0, total: 50, failed: 2, slow: 1, dropped: 0, canary: 5, canaryBad: 3, byCommit: { '4eb6ac8c405a': { total: 50, bad: 3 } }, latency: { '10': 40, '250': 9, '+Inf': 1 } },
      { t: 1000, total: 3, failed: 3, slow: 0, dropped: 3, canary: 0, canaryBad: 0, byCommit: {} },
    ],
  } as unknown as RunRecord;
  return { runId: 'x-1', record, scorecard: makeScorecard(), wallMs: 12 };
}

describe('a result carried from a suite worker', () => {
  it('crosses structured clone with its truth as text and comes back with the same truth', () => {
    const original = result();
    const carried = structuredClone(carryResult(original));
    expect(carried.result.record).not.toHaveProperty('truth');
    const revived = reviveResult(carried);
    expect(revived.record.truth).toEqual(original.record.truth);
    expect({ ...revived.record, truth: undefined }).toEqual({ ...original.record, truth: undefined });
  });

  it('writes the same run files as the result it came from', async () => {
    const original = result();
    const carried = structuredClone(carryResult(original));
    const a = new RunStore(join(root, 'a'), true);
    const b = new RunStore(join(root, 'b'), true);
    await a.open({ suite: 's', backend: 'sim' }, false);
    await b.open({ suite: 's', backend: 'sim' }, false);
    await a.writeRun(original, { scenario: 'error-spike', stack: 'l1', seed: 1 }, 'run');
    await b.writeRun(reviveResult(carried), { scenario: 'error-spike', stack: 'l1', seed: 1 }, 'run', carried.truthJsonl);
    for (const file of ['truth.jsonl', 'timeline.jsonl', 'result.json', 'pr.md']) {
      expect(readFileSync(join(root, 'b', 'run', file), 'utf8')).toBe(readFileSync(join(root, 'a', 'run', file), 'utf8'));
    }
    expect(readFileSync(join(root, 'a', 'run', 'truth.jsonl'), 'utf8').split('\n')).toHaveLength(3);
  });
});
