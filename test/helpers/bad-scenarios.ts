import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './paths.ts';

/**
 * Every built-in bad scenario by name (truth.bad), read from scenarios/: calibration tests
 * cover the library as it grows, not a list that forgets the newest.
 */
export const BAD_SCENARIOS: readonly string[] = readdirSync(join(REPO_ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => parse(readFileSync(join(REPO_ROOT, 'scenarios', f), 'utf8')) as { metadata?: { name?: string }; spec?: { truth?: { bad?: boolean } } })
  .filter((doc) => doc.spec?.truth?.bad === true && typeof doc.metadata?.name === 'string')
  .map((doc) => doc.metadata!.name!)
  .sort();

/**
 * Where builtin:heuristic names service, fault class and culprit exactly (seed 1). The others,
 * and why: config-typo (it reads the wrong payments address's timeouts as retry amplification),
 * slow-memory-leak (a leak looks like a slower release: latency-regression), deep-dependency-
 * slowdown and schema-migration (the errors show in payments, whose own change set is empty; it
 * does not yet follow latency down to ledger), p999-stall (nothing detects it, so no agent runs).
 */
export const HEURISTIC_EXACT: readonly string[] = [
  'crash-loop', 'dependency-cascade', 'error-spike', 'flag-flip', 'latency-stall', 'low-traffic-canary', 'partial-route-failure', 'remediate-into-worse', 'retry-storm',
];

/**
 * Detected late (by a page, after a slow burn): on some seeds the fix's own rollout is still going
 * when the run's allowance for the fix pipeline ends, so the fix is unproven rather than wrong.
 */
export const LATE_DETECTION: readonly string[] = ['low-traffic-canary', 'partial-route-failure'];
