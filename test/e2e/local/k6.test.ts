import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findExecutable } from '../../../src/util/find-executable.ts';
import { readRunDir, runCliAsync } from './local-runs.ts';

const K6 = findExecutable('k6');

describe.skipIf(!K6)(`--load k6${K6 ? '' : ' (skipped: no k6 binary on PATH)'}`, () => {
  it('drives the drill with k6 and takes ground truth from its JSON output', async () => {
    const out = await mkdtemp(join(tmpdir(), 'firedrill-k6-'));
    try {
      const run = await runCliAsync(['run', 'error-spike', '--stack', 'l1', '--backend', 'local', '--time-scale', '20', '--load', 'k6', '--prometheus', 'off', '--out', out]);
      expect(run.code, run.stderr).toBe(0);
      const { scorecard, timeline } = await readRunDir(out);
      expect(timeline.find((e) => e.type === 'world.local.started')?.load).toBe('k6');
      expect(scorecard.detected).toBe(true);
      expect(scorecard.blastRadius.totalRequests).toBeGreaterThan(80_000);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 600_000);
});
