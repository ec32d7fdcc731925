import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { mustBeOneOf } from '../config/one-of.ts';
import { checkStackTools } from './check-stack-tools.ts';
import { readText } from '../scenario/load-config-file.ts';
import { parseExpectation } from '../scenario/parse-expectation.ts';
import { EVERY_RUN_PASSES, flattenExpectations } from '../scenario/suite-expectation.ts';
import type { ExpectationBlock } from '../scenario/expectations-schema.ts';
import { limitSeeds, parseShard, planRuns, planSuiteFile, runSuite, selectShard, type SuitePlan, type SuiteResult } from '../suite/index.ts';
import { DEFAULT_REPORTERS, REPORTERS, type Reporter } from '../report/index.ts';
import type { BackendName } from '../world/create-world.ts';
import type { World } from '../world/world.ts';
import type { LocalOptions } from '../world/local/local-options.ts';
import type { ClusterOptions } from '../world/cluster/cluster-options.ts';
import { UserInputError } from '../util/errors.ts';
import { BUILTIN_SCENARIOS, BUILTIN_STACKS, resolveBuiltin, resolveReportsDir } from './paths.ts';

export interface DrillRequest {
  /** Scenario files or built-in names, or one Suite file (which brings its own stacks, seeds and expectations). */
  scenarios: string[];
  /** One stack, or several: every scenario runs at each (suites bring their own). */
  stack: string | string[];
  backend: BackendName;
  seed: number;
  repeat: number;
  out?: string;
  /** Reporter names; entries may hold several, comma-separated (`console,json`). */
  reporters?: string[];
  /** Extra expectations, `metric: condition` each (`fdrt: p90 < 5m`). */
  expect?: string[];
  /** Continue the suite stopped in --out. */
  resume?: boolean;
  /** Runs at once in worker threads (default: the core count on sim, 1 on wall-clock backends). */
  jobs?: number;
  /** Each scenario x stack keeps only its N lowest seeds. */
  maxSeeds?: number;
  /** `i/n`: run only the i-th of n shards of the plan (merged later by `firedrill merge`). */
  shard?: string;
  signal?: AbortSignal;
  /** Options of the `local` backend. */
  local?: LocalOptions;
  /** Which cluster the `cluster` backend uses. */
  cluster?: ClusterOptions;
  /** --agent-record / --agent-replay. */
  agentRecording?: { mode: 'record' | 'replay'; dir: string };
  onWorldStarted?: (world: World) => void | Promise<void>;
}

/**
 * `firedrill run`: parses what to run into a suite plan (a Suite file, or scenarios x one stack x
 * seeds), picks the reporters and the folder, and hands over to the suite module, which loads
 * everything first (a typo fails before any run), runs, streams each run to disk and judges.
 */
export async function runDrills(req: DrillRequest): Promise<SuiteResult> {
  if (!Number.isInteger(req.repeat) || req.repeat < 1) throw new UserInputError(`--repeat must be a positive integer, got ${req.repeat}`);
  if (!Number.isInteger(req.seed) || req.seed < 0) throw new UserInputError(`--seed must be a non-negative integer, got ${req.seed}`);
  if (req.resume && !req.out) throw new UserInputError('--resume needs --out: the folder of the suite to continue');
  const planned = await planDrills(req);
  const whole = req.maxSeeds === undefined ? planned : limitSeeds(planned, req.maxSeeds);
  const plan = req.shard === undefined ? whole : selectShard(whole, parseShard(req.shard));
  const jobs = resolveJobs(req, plan);
  for (const stack of new Set(plan.runs.map((r) => r.stack))) checkStackTools(stack);
  const names = plan.shard ? shardReporterNames(req.reporters) : parseReporterNames(req.reporters, plan.fromSuiteFile || plan.runs.length > 1 ? DEFAULT_REPORTERS.suite : DEFAULT_REPORTERS.run);
  const reporters: Reporter[] = names.map((name) => REPORTERS[name](names));
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const single = !plan.fromSuiteFile && plan.runs.length === 1;
  const first = plan.runs[0];
  const shardName = plan.shard ? `-shard-${plan.shard.index}-of-${plan.shard.count}` : '';
  const defaultName = single ? `${first.scenario.name}-${first.stack.name}-${plan.backend}-s${first.seed}-${stamp}` : `${plan.name}${shardName}-${stamp}`;
  const dir = req.out ? resolve(req.out) : join(resolveReportsDir(), defaultName);
  return runSuite(plan, { dir, resume: req.resume, observers: reporters, signal: req.signal, local: req.local, cluster: req.cluster, agentRecording: req.agentRecording, onWorldStarted: req.onWorldStarted, stamp, jobs });
}

/**
 * --jobs: sim runs are CPU-bound and independent, so by default one per core. Wall-clock backends
 * stay one at a time: side by side their runs would compete for the cores, ports and processes
 * and skew the times they measure (TTD, FDRT); --serve-api needs each world in this thread.
 */
function resolveJobs(req: DrillRequest, plan: SuitePlan): number {
  if (req.jobs === undefined) return plan.backend === 'sim' && !req.onWorldStarted ? availableParallelism() : 1;
  if (!Number.isInteger(req.jobs) || req.jobs < 1) throw new UserInputError(`--jobs must be a positive integer, got ${req.jobs}`);
  if (req.jobs > 1 && plan.backend !== 'sim') {
    throw new UserInputError(`--jobs ${req.jobs}: ${plan.backend} runs take wall-clock time, real processes and ports; side by side they would slow each other and skew the times they measure`, {
      hint: `run ${plan.backend} suites with --jobs 1 (the default there), or spread them over machines with --shard i/n`,
    });
  }
  if (req.jobs > 1 && req.onWorldStarted) throw new UserInputError(`--jobs ${req.jobs} with --serve-api: the API serves one world at a time from this process`, { hint: 'use --jobs 1 with --serve-api' });
  return req.jobs;
}

/** A shard writes its runs and a suite.json marked as a shard (what merge reads); suite reports come from the merge. */
function shardReporterNames(given: string[] | undefined): string[] {
  const names = parseReporterNames(given, ['console', 'files', 'json']);
  return names.includes('json') ? names : [...names, 'json'];
}

async function planDrills(req: DrillRequest): Promise<SuitePlan> {
  const files = req.scenarios.map((arg) => resolveBuiltin(arg, BUILTIN_SCENARIOS));
  const suites = (await Promise.all(files.map(isSuite))).filter(Boolean).length;
  const extra = flattenExpectations((req.expect ?? []).map(parseExpectFlag));
  if (suites > 0) {
    if (files.length > 1) throw new UserInputError('run one Suite file at a time, without scenario files beside it', { hint: 'a suite brings its own scenarios, stacks and seeds' });
    const plan = await planSuiteFile(files[0], req.backend, { scenarios: BUILTIN_SCENARIOS, stacks: BUILTIN_STACKS });
    if (extra.length === 0) return plan;
    // --expect adds gates to a suite's own; it replaces only the default "every run passes".
    return { ...plan, expectations: [...(plan.expectationsStated ? plan.expectations : []), ...extra], expectationsStated: true };
  }
  return planRuns({
    scenarioFiles: files,
    stackFiles: [req.stack].flat().map((name) => resolveBuiltin(name, BUILTIN_STACKS)),
    seed: req.seed,
    repeat: req.repeat,
    backend: req.backend,
    expectations: extra.length ? extra : flattenExpectations([EVERY_RUN_PASSES]),
    expectationsStated: extra.length > 0,
  });
}

/** `--expect "fdrt: p90 < 5m"`: one expectation over each scenario x stack cell. */
function parseExpectFlag(text: string): ExpectationBlock {
  const colon = text.indexOf(':');
  const metric = colon < 0 ? text.trim() : text.slice(0, colon).trim();
  const condition = colon < 0 ? '' : text.slice(colon + 1).trim();
  const parsed = parseExpectation(metric, condition);
  if (!parsed.ok) throw new UserInputError(`--expect "${text}": ${parsed.message}`, { hint: `write "METRIC: STAT OP VALUE"; ${parsed.hint}` });
  return { per: 'cell', expect: { [metric]: condition } };
}

/** `--reporter console,json --reporter html` -> console, json, html; each checked. */
export function parseReporterNames(given: string[] | undefined, defaults: string[]): string[] {
  if (!given?.length) return defaults;
  const names = [...new Set(given.flatMap((g) => g.split(',')).map((n) => n.trim()).filter(Boolean))];
  for (const name of names) {
    if (!(name in REPORTERS)) throw new UserInputError(`unknown reporter "${name}"`, { hint: `a reporter ${mustBeOneOf(Object.keys(REPORTERS))}` });
  }
  return names;
}

async function isSuite(file: string): Promise<boolean> {
  try {
    return (parse(await readText(file)) as { kind?: unknown } | null)?.kind === 'Suite';
  } catch {
    return false; // the scenario loader reports the file's real problem
  }
}
