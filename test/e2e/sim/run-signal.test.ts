import { getEventListeners } from 'node:events';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { executeRun } from '../../../src/runner/execute-run.ts';
import { loadScenario } from '../../../src/scenario/load-scenario.ts';
import { loadStack } from '../../../src/scenario/load-stack.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

it("a suite's stop signal outlives its runs: each run stops listening to it when it ends", async () => {
  const stop = new AbortController();
  const scenario = await loadScenario(join(REPO_ROOT, 'scenarios/good-deploy.yaml'));
  const stack = await loadStack(join(REPO_ROOT, 'scenarios/stacks/l0.yaml'));
  for (const seed of [1, 2]) await executeRun(scenario, stack, { backend: 'sim', seed, signal: stop.signal });
  expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
}, 60_000);
