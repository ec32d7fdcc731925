import { join, resolve } from 'node:path';
import { loadScenario } from '../scenario/load-scenario.ts';
import { loadStack } from '../scenario/load-stack.ts';
import { executeRun } from '../runner/execute-run.ts';
import { scoreRun } from '../scoring/score-run.ts';
import { REPORTERS, type Reporter, type RunResult } from '../report/index.ts';
import { UserInputError } from '../util/errors.ts';
import type { LocalOptions } from '../world/local/local-options.ts';
import { BUILTIN_SCENARIOS, BUILTIN_STACKS, PACKAGE_ROOT, resolveBuiltin } from './paths.ts';

export interface DrillRequest {
  scenarios: string[];
  stack: string;
  backend: 'sim' | 'local' | 'kind';
  seed: number;
  repeat: number;
  out?: string;
  reporters?: string[];
  signal?: AbortSignal;
  /** Options of the `local` backend. */
  local?: LocalOptions;
}

/**
 * Loads everything first (so a typo fails before any run), then runs scenario x seed, scoring
 * and reporting each run as it ends: results already written stay if a later run fails.
 */
export async function runDrills(req: DrillRequest): Promise<RunResult[]> {
  if (!Number.isInteger(req.repeat) || req.repeat < 1) throw new UserInputError(`--repeat must be a positive integer, got ${req.repeat}`);
  if (!Number.isInteger(req.seed) || req.seed < 0) throw new UserInputError(`--seed must be a non-negative integer, got ${req.seed}`);
  const stack = await loadStack(resolveBuiltin(req.stack, BUILTIN_STACKS));
  const scenarios = await Promise.all(req.scenarios.map((s) => loadScenario(resolveBuiltin(s, BUILTIN_SCENARIOS))));
  const reporters: Reporter[] = (req.reporters ?? ['console', 'files']).map((name) => {
    const make = REPORTERS[name];
    if (!make) throw new UserInputError(`unknown reporter "${name}"`, { hint: `reporters: ${Object.keys(REPORTERS).join(', ')}` });
    return make();
  });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const single = scenarios.length * req.repeat === 1;
  const results: RunResult[] = [];
  for (const scenario of scenarios) {
    for (let i = 0; i < req.repeat; i++) {
      const seed = req.seed + i;
      const runId = `${scenario.name}-${stack.name}-${req.backend}-s${seed}-${stamp}`;
      const dir = req.out ? (single ? resolve(req.out) : join(resolve(req.out), runId)) : join(PACKAGE_ROOT, 'reports', runId);
      for (const r of reporters) await r.onRunStart?.({ runId, scenario: scenario.name, stack: stack.name, backend: req.backend, seed });
      const started = performance.now();
      const record = await executeRun(scenario, stack, {
        backend: req.backend,
        seed,
        signal: req.signal,
        local: req.local,
        onEvent: (e) => reporters.forEach((r) => r.onEvent?.(e)),
      });
      const result: RunResult = { runId, record, scorecard: scoreRun(record), wallMs: performance.now() - started };
      for (const r of reporters) await r.onRunEnd?.(result, dir);
      results.push(result);
    }
  }
  for (const r of reporters) await r.onSuiteEnd?.(results);
  return results;
}
