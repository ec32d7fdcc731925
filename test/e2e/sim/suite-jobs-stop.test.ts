import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { InterruptedError } from '../../../src/runner/execute-run.ts';
import { JOURNAL_FILE, planRuns, runSuite, type RunInfo } from '../../../src/suite/index.ts';
import { flattenExpectations, EVERY_RUN_PASSES } from '../../../src/scenario/suite-expectation.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

const root = mkdtempSync(join(tmpdir(), 'fd-jobs-stop-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('a stop with --jobs 2 aborts the runs in the workers, keeps the finished ones, and --resume finishes the suite', async () => {
  const plan = await planRuns({
    scenarioFiles: [join(REPO_ROOT, 'scenarios/good-deploy.yaml')], stackFiles: [join(REPO_ROOT, 'scenarios/stacks/l1.yaml')],
    seed: 1, repeat: 12, backend: 'sim', expectations: flattenExpectations([EVERY_RUN_PASSES]), expectationsStated: false,
  });
  const dir = join(root, 'suite');
  const stop = new AbortController();
  const heard: string[] = [];
  // Runs waiting for a worker must not each listen to the suite's stop signal (Node warns past 10,
  // and a nightly suite queues thousands): the pool listens once, each running run once.
  const warnings: string[] = [];
  const onWarning = (w: Error): void => void warnings.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  const observer = {
    onRunStart: (info: RunInfo) => void heard.push(`start ${info.seed}`),
    onRunEnd: () => {
      heard.push('end');
      stop.abort(); // Ctrl-C as the first run ends: the second is still in its worker
    },
    onRunFailed: (info: RunInfo, err: unknown) => void heard.push(`failed ${info.seed} ${(err as Error).name}`),
  };
  await expect(runSuite(plan, { dir, jobs: 2, signal: stop.signal, observers: [observer] })).rejects.toBeInstanceOf(InterruptedError);
  await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
  process.off('warning', onWarning);
  expect(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))).toEqual([]);
  const journal = readFileSync(join(dir, JOURNAL_FILE), 'utf8').trim().split('\n').slice(1).map((l) => JSON.parse(l) as { seed: number });
  expect(journal.length).toBeGreaterThanOrEqual(1);
  // Hooks in plan order; the run cut off in its worker is reported as interrupted, with its journal so far.
  expect(heard[0]).toBe('start 1');
  const interrupted = heard.filter((h) => h.startsWith('failed')).map((h) => Number(h.split(' ')[1]));
  // A run was still in a worker when the first ended (a freed worker takes the next run at once).
  expect(interrupted.length).toBeGreaterThanOrEqual(1);
  expect(interrupted.filter((seed) => journal.some((j) => j.seed === seed))).toEqual([]);
  for (const seed of interrupted) {
    const file = join(dir, `good-deploy-l1-sim-s${seed}`, 'timeline.jsonl');
    if (existsSync(file)) expect(readFileSync(file, 'utf8').trim().split('\n').at(-1)).toContain('run.interrupted');
  }
  const suite = await runSuite(plan, { dir, jobs: 2, resume: true });
  expect(suite.runs.map((r) => r.seed)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  expect(suite.verdict).toBe('pass');
}, 300_000);
