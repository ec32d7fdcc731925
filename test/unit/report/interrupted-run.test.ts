import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsoleReporter } from '../../../src/report/index.ts';
import { RunStore } from '../../../src/suite/index.ts';
import { progressLine } from '../../../src/report/progress-line.ts';
import { InterruptedError } from '../../../src/runner/execute-run.ts';
import { parseJsonl } from '../../../src/timeline/timeline.ts';

const info = { runId: 'r', scenario: 'error-spike', stack: 'l1', backend: 'local', seed: 1 };
const events = [
  { t: 0, type: 'run.started', source: 'harness' },
  { t: 300_000, type: 'deploy.started', source: 'harness', service: 'checkout', commit: 'abc', role: 'canary', strategy: 'argo-canary' },
  { t: 360_000, type: 'analysis.measurement', source: 'analysis', metric: 'error-rate', phase: 'Failed', value: '[0.33]' },
  { t: 371_500, type: 'run.interrupted', source: 'harness', error: 'interrupted' },
];

describe('a run stopped before its end', () => {
  it('keeps its journal so far (timeline.jsonl ending in run.interrupted) and nothing scored', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firedrill-report-'));
    try {
      const store = new RunStore(dir, true);
      await store.writeUnfinished('run', events);
      expect(await readdir(join(dir, 'run'))).toEqual(['timeline.jsonl']);
      const kept = parseJsonl(await readFile(join(dir, 'run', 'timeline.jsonl'), 'utf8'));
      expect(kept).toEqual(events);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says so on the console, after the live lines of a wall-clock run', () => {
    let out = '';
    const console = new ConsoleReporter((t) => (out += t));
    console.onRunStart(info);
    for (const e of events) console.onEvent(e);
    console.onRunFailed(info, new InterruptedError(), '/x');
    expect(out).toContain('+5m  deploy checkout abc as canary (argo-canary)');
    expect(out).toContain('+6m  analysis error-rate: Failed [0.33]');
    expect(out).toMatch(/stopped before the end: interrupted[^\n]*\n\s+journal so far\s+\/x\/timeline\.jsonl \(files reporter\)/);
  });

  it('prints no live lines for sim (a run takes seconds; the scorecard is the output)', () => {
    let out = '';
    const console = new ConsoleReporter((t) => (out += t));
    console.onRunStart({ ...info, backend: 'sim' });
    for (const e of events) console.onEvent(e);
    expect(out).not.toContain('analysis');
    expect(progressLine({ t: 1000, type: 'world.snapshot', source: 'world' })).toBeUndefined();
  });
});
